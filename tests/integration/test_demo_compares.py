"""The demonstration authority shows every comparison on every mapped measure, from the
figures the repository ships alone (data/published)."""

from __future__ import annotations

import pytest

from scorecard import startup
from scorecard.benchmarks import Comparators, service
from scorecard.benchmarks.importing import mapped_measures
from scorecard.catalogue import Catalogue, Polarity
from scorecard.storage.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    startup.init_demo(store)
    assert "Imported DfE's published figures" in startup.import_benchmarks_if_present(store)
    return store


def test_every_mapped_measure_has_england_region_neighbours_and_for_rated_ones_band_and_rank(
    demo: Store,
) -> None:
    catalogue = demo.catalogue()
    published = service.load_all(demo, catalogue)
    observations = demo.current_observations()
    measures = mapped_measures(catalogue)
    assert len(measures) == 19
    for measure in measures:
        found = service.comparators_for(published, catalogue, measure.id, observations)
        assert found is not None, measure.id
        assert found.council.compared_as is not None, measure.id
        assert found.council.compared_as.name == "Trafford"
        assert found.council.region_name == "North West"
        assert found.sn_size == 10, measure.id  # Trafford's ten neighbours
        shown = (found.value, found.england, found.region, found.sn_mean, found.sn_median)
        assert None not in shown, (measure.id, shown)
        if measure.polarity is not Polarity.NONE:
            ranked = (found.top_quartile, found.band, found.rank, found.best_name)
            assert None not in ranked, (measure.id, ranked)


def test_the_demo_is_compared_with_the_north_west_and_traffords_neighbours_by_hand(
    demo: Store,
) -> None:
    # Care leavers aged 19 to 21 in EET, 2025 (tests/unit/test_benchmarks_published.py):
    # North West 55%; Trafford's ten neighbours average 57.5%, median 57%.
    catalogue = demo.catalogue()
    published = service.load_all(demo, catalogue)
    found = service.comparators_for(
        published, catalogue, "CL_EET_19_21", demo.current_observations(), year="2025"
    )
    assert found is not None
    assert (found.region, found.sn_mean, found.sn_median) == (55.0, 57.5, 57.0)
    table = service.measure_benchmarks(
        published, catalogue, "CL_EET_19_21", demo.current_observations(), year="2025"
    ).neighbours
    assert list(table["Council"])[:3] == ["Hertfordshire", "Stockport", "Buckinghamshire"]


def test_a_new_figure_of_ours_changes_the_comparison_drawn_from_the_same_load_of_dfe(
    demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server loads DfE's figures once and keeps what it works out from them; an upload
    # that changes our own figure must still move us. Demoshire is not in DfE's files, so
    # its 2025 figure for care leavers 19-21 in EET is its own (52%, rank 89 of 153, band C
    # against DfE's best council at 79%). At 99% it is above every council: rank 1, band A.
    catalogue = demo.catalogue()
    published = service.load_all(demo, catalogue)
    ours = demo.current_observations()
    worked_out = []
    real_compare = service.cmp.compare
    monkeypatch.setattr(
        service.cmp, "compare", lambda *a, **k: worked_out.append(1) or real_compare(*a, **k)
    )

    def compared(observations: object) -> tuple[object, ...]:
        found = service.comparators_for(
            published, catalogue, "CL_EET_19_21", observations, year="2025"
        )
        assert found is not None
        return (found.value, found.rank, found.ranked_of, found.band, found.best_value)

    assert compared(ours) == (52.0, 89, 153, "C", 79.0)
    assert compared(ours) == (52.0, 89, 153, "C", 79.0)
    assert len(worked_out) == 1  # the same question is not worked out again
    better = ours.copy()
    better.loc[better["measure_id"] == "CL_EET_19_21", "value"] = 99.0
    assert compared(better) == (99.0, 1, 153, "A", 79.0)
    assert compared(ours) == (52.0, 89, 153, "C", 79.0)
    assert len(worked_out) == 2


def test_what_is_kept_from_dfes_figures_follows_the_catalogue_and_the_code_asked_for(
    demo: Store,
) -> None:
    catalogue = demo.catalogue()
    published = service.load_all(demo, catalogue)
    ours = demo.current_observations()

    def compared(
        published: service.PublishedData, catalogue: Catalogue, la_code: str | None = None
    ) -> Comparators:
        found = service.comparators_for(
            published, catalogue, "CL_EET_19_21", ours, year="2025", la_code=la_code
        )
        assert found is not None
        return found

    # Trafford asked for by its old code, then its new one: the same council and figures,
    # each answer naming the code it was asked by (what the command line's JSON prints).
    by_old, by_new = (
        compared(published, catalogue, "358"),
        compared(published, catalogue, "E08000009"),
    )
    assert (by_old.council.code, by_new.council.code) == ("358", "E08000009")
    assert (by_old.value, by_old.rank) == (by_new.value, by_new.rank)
    # A Measures sheet can turn a measure's polarity round without a new import of DfE's
    # figures: the kept comparison (rank 89, band C) is not reused for it, and the new one
    # is what a fresh load of DfE's figures gives.
    assert (compared(published, catalogue).rank, compared(published, catalogue).band) == (89, "C")
    flipped = catalogue.model_copy(
        update={
            "measures": tuple(
                m.model_copy(update={"polarity": Polarity.LOWER_IS_BETTER})
                if m.id == "CL_EET_19_21"
                else m
                for m in catalogue.measures
            )
        }
    )
    turned = compared(published, flipped)
    assert turned == compared(service.load_all(demo, catalogue), flipped)
    assert (turned.rank, turned.band) != (89, "C")
