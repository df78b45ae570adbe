"""A defined acronym whose sentence says it is a task or a problem ("X (XY) aims to …", "… presents a core
challenge", "… is the task of …") names no method, model or data (GUIDELINES: tasks and problems are never
entities).  Sentences made up for the test."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Paper


def _names(title: str, abstract: str) -> set[str]:
    [ex] = extract([Paper(key="p", title=title, abstract=abstract)])
    return {m.text for m in ex.mentions} | {a for m in ex.mentions for a in m.aliases}


@pytest.mark.parametrize("title, abstract, short", [
    ("Orchard Yield Estimation from Drone Sweeps",
     "Cross-orchard yield estimation (COYE) plays a central role for growers who plan harvests. We propose Pomelo, "
     "a sweep-level regressor, and show that it lowers the COYE error by a third.", "COYE"),
    ("Label-Sparse Glacier Adaptation",
     "Label-sparse glacier adaptation (LSGA) presents a core challenge for ice monitoring, since new valleys "
     "come with almost no surveys. We introduce Moraine, a moraine-aware sampler that needs ten surveys.", "LSGA"),
    ("Counting Beehives with Scarce Labels",
     "Few-label hive counting learning (FHCL) aims to count colonies in thermal frames from a handful of "
     "examples. Our Drone-Hive model counts colonies across three apiaries.", "FHCL"),
    ("Rhythm Alignment for Folk Tunes",
     "Folk tune rhythm alignment (FTRA) is the task of matching bars of two recordings of one tune. "
     "We describe Fiddler, a beat tracker, and report its FTRA accuracy.", "FTRA"),
])
def test_a_defined_task_is_no_entity(title, abstract, short):
    assert short not in _names(title, abstract)


@pytest.mark.parametrize("title, abstract, short", [
    ("Moraine: Sampling Glaciers Sparsely",
     "We propose Label-Sparse Glacier Adaptation (LSGA), a sampler that picks the ten most useful surveys.", "LSGA"),
    ("Quick Guard Training for Sonar Nets",
     "Quick guard training (QGT) aims to harden sonar classifiers at a tenth of the usual cost. We extend QGT "
     "with a moraine-aware step size.", "QGT"),
])
def test_a_defined_method_is_still_found(title, abstract, short):
    assert short in _names(title, abstract)


def test_a_task_acronym_found_again_by_a_later_rule_is_still_no_entity():
    # the proposal rule reads "a novel SBC framework" as a name; the definition said SBC is the task
    title, abstract = ("Counting Seabirds from Cliff Cameras",
                       "Seabird burrow counting (SBC) aims to estimate nest numbers from cliff footage. We propose "
                       "a novel SBC framework that counts burrows across seasons. It finds more burrows than the "
                       "ResNet-50 baseline.")
    names = _names(title, abstract)
    assert "SBC" not in names and "ResNet-50" in names
