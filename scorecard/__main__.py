import sys

# Checking or saving an upload reads the workbook in a separate process: started first, it
# gets ready while this process loads its modules (a second or more), rather than after.
if {"validate", "ingest"} & set(sys.argv[1:]):
    from scorecard import reading_process

    reading_process.start()

from scorecard.cli import main

sys.exit(main())
