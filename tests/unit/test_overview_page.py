"""What the 总览 Overview page shows, on its pure functions: trend labels placed clear of the line.
(Found in the demo-data review.)"""

from __future__ import annotations

from dashboard.present import charts


def test_trend_labels_go_below_a_dip_and_above_a_peak():
    assert charts.label_positions([1.71, 3.44, 1.9, 1.96]) == [
        "bottom center",
        "top center",
        "bottom center",
        "top center",
    ]
    assert charts.label_positions([5.0]) == ["top center"]
