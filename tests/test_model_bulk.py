"""A journey filled in bulk (the file reader's path) is the graph one-by-one edits build."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from motdesk.graph.jsonio import read_project
from motdesk.graph.model import Journey
from motdesk.resources import templates
from tests.strategies import projects


def _one_by_one(journey: Journey) -> Journey:
    twin = Journey(journey.id, journey.title, stages=journey.stages, lanes=journey.lanes)
    for step in journey.steps():
        twin._put_step(step)
    for transition in journey.transitions():
        twin._put_transition(transition)
    return twin


def _bulk(journey: Journey) -> Journey:
    twin = Journey(journey.id, journey.title, stages=journey.stages, lanes=journey.lanes)
    twin._load(list(journey.steps()), list(journey.transitions()))
    return twin


def _shape(journey: Journey) -> tuple:
    graph = journey.graph
    return (
        list(graph.nodes(data=True)),
        list(graph.edges(data=True)),
        [(n, list(graph.successors(n)), list(graph.predecessors(n))) for n in graph],
        list(journey.transitions()),
        list(journey._edges.items()),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects(max_steps=10))
def test_bulk_fill_builds_the_same_graph_as_one_by_one_edits(project) -> None:
    for journey in project.journeys:
        slow, fast = _one_by_one(journey), _bulk(journey)
        assert _shape(fast) == _shape(slow)
        assert nx.utils.graphs_equal(fast.graph, slow.graph)
        assert fast == slow
        # the bulk graph goes on working with networkx and with later edits
        assert nx.to_dict_of_dicts(fast.graph) == nx.to_dict_of_dicts(slow.graph)
        assert list(nx.reverse_view(fast.graph).edges) == list(nx.reverse_view(slow.graph).edges)
        for step in list(fast.steps())[:2]:
            for transition in fast.transitions_of(step.id):
                fast._drop_transition(transition.id)
                slow._drop_transition(transition.id)
            fast._drop_step(step.id)
            slow._drop_step(step.id)
        assert _shape(fast) == _shape(slow)


def test_bulk_fill_refuses_a_journey_that_already_has_steps() -> None:
    journey = read_project(templates()[0].path).journeys[0]
    with pytest.raises(ValueError, match="not empty"):
        journey._load(list(journey.steps()), [])
