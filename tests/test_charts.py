"""generator/charts.py: the accessible inline SVG chart of an indicator."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.plan import Indicator, IndicatorValue
from generator.pipeline import load_and_resolve
from generator.render.charts import indicator_chart

from .helpers import PLANS

SVG = "{http://www.w3.org/2000/svg}"
NI_94_PERIODS = ["2008", "2008/09", "2009/10", "2010/11"]


# --- helpers -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def ni94() -> Indicator:
    catalogue, problems = load_and_resolve(PLANS)
    assert catalogue is not None, problems
    return catalogue.plan("worcestershire-laa-delivery-plan-ni-94").indicators[0]


def value(period: str, number: str | None = None, text: str | None = None) -> IndicatorValue:
    return IndicatorValue(period=period, value=Decimal(number) if number is not None else None, text=text)


def indicator(**fields) -> Indicator:
    fields.setdefault("id", "kpi-1")
    fields.setdefault("code", "KPI 1")
    fields.setdefault("description", "A test indicator")
    return Indicator(**fields)


def with_actuals() -> Indicator:
    return indicator(
        unit="%",
        polarity="lower-is-better",
        baseline=value("2008", "30"),
        targets=[value("2008/09", "25"), value("2009/10", "20")],
        actuals=[value("2008/09", "27"), value("2009/10", "22.5")],
    )


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def texts(root: ET.Element, name: str) -> list[str]:
    return [text_of(e) for e in by_class(root, name)]


def series(root: ET.Element, kind: str) -> ET.Element:
    (group,) = by_class(root, f"chart-{kind}")
    return group


def markers(group: ET.Element) -> list[ET.Element]:
    return [e for e in group.iter() if "chart-marker" in (e.get("class") or "")]


def tag(element: ET.Element) -> str:
    return element.tag.removeprefix(SVG)


def tick_values(root: ET.Element) -> list[Decimal]:
    return [Decimal(t.replace(",", "").removesuffix("%")) for t in texts(root, "chart-y-label")]


# --- NI 94, from the real plan -------------------------------------------------------


def test_ni94_is_an_accessible_image(ni94):
    root = parse(indicator_chart(ni94, "ni-94-chart"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "ni-94-chart-title ni-94-chart-desc"
    assert root.get("width") == "100%"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.get("id") == "ni-94-chart-title"
    assert desc.get("id") == "ni-94-chart-desc"
    assert list(root)[0] is title, "the title comes first"
    assert text_of(title) == "NI 94: baseline, targets and actuals"
    for words in ("Baseline 72% in 2008.", "Target 84% in 2008/09.", "Target 84% in 2009/10.", "2010/11"):
        assert words in text_of(desc)
    assert "not set" in text_of(desc)
    assert "Target not set for 2010/11." in text_of(desc)
    assert "No actuals recorded." in text_of(desc)
    assert text_of(desc).endswith("Higher is better.")


def test_ni94_labels_every_value_visibly(ni94):
    root = parse(indicator_chart(ni94, "ni-94-chart"))
    values = texts(root, "chart-value")
    assert sorted(values) == ["72%", "84%", "84%"]
    assert texts(root, "chart-not-set") == ["Not set"]
    assert texts(root, "chart-x-label") == NI_94_PERIODS


def test_ni94_not_set_is_text_at_the_top_not_a_marker(ni94):
    root = parse(indicator_chart(ni94, "ni-94-chart"))
    (label,) = by_class(root, "chart-not-set")
    x_labels = {text_of(e): float(e.get("x")) for e in by_class(root, "chart-x-label")}
    assert float(label.get("x")) == x_labels["2010/11"]
    # Above every plotted point: at the top of the column, not at zero.
    plotted = markers(series(root, "target")) + markers(series(root, "baseline"))
    point_ys = [float(m.get("cy") or m.get("y")) for m in plotted]
    assert float(label.get("y")) < min(point_ys)
    marker_xs = [float(m.get("cx")) for m in markers(series(root, "target"))]
    assert len(marker_xs) == 2
    assert x_labels["2010/11"] not in marker_xs


def test_ni94_series_differ_in_shape_and_line_style(ni94):
    root = parse(indicator_chart(ni94, "ni-94-chart"))
    baseline, target = series(root, "baseline"), series(root, "target")
    assert [tag(m) for m in markers(baseline)] == ["rect"]
    assert [tag(m) for m in markers(target)] == ["circle", "circle"]
    assert all(m.get("fill") == "none" for m in markers(target)), "target circles are hollow"
    (line,) = [e for e in target.iter(f"{SVG}path") if "chart-line" in e.get("class", "")]
    assert line.get("stroke-dasharray")
    assert by_class(root, "chart-actual") == [], "no actuals: nothing drawn for them"


def test_ni94_legend_names_the_series_with_their_markers(ni94):
    root = parse(indicator_chart(ni94, "ni-94-chart"))
    (legend,) = by_class(root, "chart-legend")
    assert [text_of(e) for e in legend.iter(f"{SVG}text")] == ["Baseline", "Targets"]
    (item,) = by_class(legend, "chart-legend-target")
    assert item.find(f"{SVG}circle") is not None
    assert any(e.get("stroke-dasharray") for e in item)
    (item,) = by_class(legend, "chart-legend-baseline")
    assert item.find(f"{SVG}rect") is not None


def test_ni94_y_axis(ni94):
    root = parse(indicator_chart(ni94, "ni-94-chart"))
    labels = texts(root, "chart-y-label")
    assert 4 <= len(labels) <= 6
    assert all(label.endswith("%") for label in labels)
    ticks = tick_values(root)
    assert ticks == sorted(ticks)
    assert ticks[0] <= 72 and ticks[-1] >= 84
    assert len(by_class(root, "chart-grid")) == len(labels)


def test_ni94_points_sit_on_their_values(ni94):
    """The 84% targets are higher up (smaller y) than the 72% baseline, in proportion to the axis."""
    root = parse(indicator_chart(ni94, "ni-94-chart"))
    grid = {text_of(t): float(t.get("y")) - 4 for t in by_class(root, "chart-y-label")}
    ticks = tick_values(root)
    lo, hi = float(ticks[0]), float(ticks[-1])
    bottom, top = grid[texts(root, "chart-y-label")[0]], grid[texts(root, "chart-y-label")[-1]]

    def y_of(number: float) -> float:
        return bottom - (number - lo) / (hi - lo) * (bottom - top)

    (square,) = markers(series(root, "baseline"))
    assert float(square.get("y")) + 5 == pytest.approx(y_of(72), abs=0.1)
    for circle in markers(series(root, "target")):
        assert float(circle.get("cy")) == pytest.approx(y_of(84), abs=0.1)


# --- actuals and polarity --------------------------------------------------------------


def test_actuals_are_a_solid_line_with_filled_triangles():
    root = parse(indicator_chart(with_actuals(), "kpi"))
    actual = series(root, "actual")
    shapes = markers(actual)
    assert [tag(m) for m in shapes] == ["polygon", "polygon"]
    for shape in shapes:
        assert len(shape.get("points").split()) == 3
        assert shape.get("fill") not in (None, "none")
    (line,) = [e for e in actual.iter(f"{SVG}path") if "chart-line" in e.get("class", "")]
    assert line.get("stroke-dasharray") is None
    target_line = next(e for e in series(root, "target").iter(f"{SVG}path"))
    assert target_line.get("stroke-dasharray")
    kinds = {kind: {tag(m) for m in markers(series(root, kind))} for kind in ("baseline", "target", "actual")}
    assert kinds == {"baseline": {"rect"}, "target": {"circle"}, "actual": {"polygon"}}
    assert sorted(texts(root, "chart-value")) == sorted(["30%", "25%", "20%", "27%", "22.5%"])
    legend = [text_of(e) for e in by_class(root, "chart-legend")[0].iter(f"{SVG}text")]
    assert legend == ["Baseline", "Targets", "Actuals"]


def test_polarity_and_actuals_in_the_description():
    root = parse(indicator_chart(with_actuals(), "kpi"))
    desc = text_of(root.find(f"{SVG}desc"))
    assert "Actual 27% in 2008/09." in desc
    assert "Actual 22.5% in 2009/10." in desc
    assert desc.endswith("Lower is better.")
    assert "Higher is better" not in desc
    assert "Lower is better" in "".join(texts(root, "chart-polarity"))


def test_actual_periods_not_among_the_targets_are_added_in_order():
    ind = indicator(
        unit="%",
        baseline=value("2008", "30"),
        targets=[value("2009", "40")],
        actuals=[value("2009", "35"), value("2010", "45")],
    )
    root = parse(indicator_chart(ind, "kpi"))
    assert texts(root, "chart-x-label") == ["2008", "2009", "2010"]


def test_every_plotted_point_has_a_value_label():
    root = parse(indicator_chart(with_actuals(), "kpi"))
    plotted = sum(len(markers(series(root, kind))) for kind in ("baseline", "target", "actual"))
    assert plotted == 5
    assert len(texts(root, "chart-value")) == plotted


def test_a_unit_word_is_the_axis_title():
    ind = indicator(unit="pupils", baseline=value("2008", "12000"), targets=[value("2009", "12500")])
    svg = indicator_chart(ind, "kpi")
    root = parse(svg)
    assert texts(root, "chart-axis-title") == ["pupils"]
    assert not any(label.endswith("%") for label in texts(root, "chart-y-label"))
    assert "12,000" in texts(root, "chart-value")
    assert "Baseline 12,000 pupils in 2008." in text_of(root.find(f"{SVG}desc"))


# --- safety ------------------------------------------------------------------------


HOSTILE = "<script>alert(1)</script>"


def test_hostile_text_is_escaped():
    ind = indicator(
        code='KPI "1" & <b>',
        unit="<em>",
        baseline=value(HOSTILE, "10"),
        targets=[value("2009 & after", "20"), value("2010", text="<img src=x onerror=alert(1)>")],
    )
    svg = indicator_chart(ind, 'x"><script>')
    root = parse(svg)
    assert not [e for e in root.iter() if tag(e).lower() in ("script", "img", "foreignobject", "b", "em")]
    assert texts(root, "chart-x-label")[:2] == [HOSTILE, "2009 & after"]
    assert text_of(root.find(f"{SVG}title")).startswith('KPI "1" & <b>')
    assert HOSTILE in text_of(root.find(f"{SVG}desc"))
    assert texts(root, "chart-axis-title") == ["<em>"]
    assert root.find(f"{SVG}title").get("id") == 'x"><script>-title'
    assert "<script" not in svg.lower()


def test_no_external_references_or_script(ni94):
    for svg in (indicator_chart(ni94, "a"), indicator_chart(with_actuals(), "b")):
        root = parse(svg)
        for element in root.iter():
            assert tag(element) not in ("script", "image", "use", "foreignObject", "style", "a")
            for name, attribute in element.attrib.items():
                assert "href" not in name
                assert "url(" not in attribute
                assert not name.startswith("on")
            assert element.get("style") is None


def test_text_is_large_enough_and_uses_current_colour(ni94):
    root = parse(indicator_chart(ni94, "a"))
    assert root.get("viewBox") == "0 0 640 320"
    assert float(root.get("font-size")) >= 12
    assert root.get("font-family") == "inherit"
    assert root.get("fill") == "currentColor"
    for element in root.iter(f"{SVG}text"):
        assert float(element.get("font-size", root.get("font-size"))) >= 12
        assert element.get("fill") in (None, "currentColor")
    assert all(e.get("stroke") == "currentColor" for e in by_class(root, "chart-grid") + by_class(root, "chart-axis"))


def test_coordinates_have_at_most_one_decimal_place():
    ind = indicator(unit="%", baseline=value("a", "33.333"), targets=[value(f"p{n}", str(n * 7.77)) for n in range(7)])
    svg = indicator_chart(ind, "kpi")
    numbers = re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|points|d|dy)="([^"]*)"', svg)
    assert numbers
    for attribute in numbers:
        for number in re.findall(r"-?\d+(?:\.\d+)?", attribute):
            assert len(number.partition(".")[2]) <= 1, number


# --- determinism and empty charts --------------------------------------------------------


def test_output_is_deterministic(ni94):
    first = indicator_chart(ni94, "ni-94-chart")
    assert first == indicator_chart(ni94, "ni-94-chart")
    assert first == indicator_chart(ni94.model_copy(deep=True), "ni-94-chart")
    assert indicator_chart(with_actuals(), "k") == indicator_chart(with_actuals(), "k")
    assert first != indicator_chart(ni94, "other-id")


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"targets": [value("2010/11", text="Not set")]},
        {
            "baseline": value("2008", text="Not set"),
            "targets": [value("2009", text="TBC")],
            "actuals": [value("2009", text="n/a")],
        },
    ],
    ids=["nothing", "only-not-set", "only-text"],
)
def test_no_numbers_no_chart(fields):
    assert indicator_chart(indicator(unit="%", **fields), "kpi") == ""


def test_values_without_a_number_are_words_not_series():
    ind = indicator(
        unit="%",
        baseline=value("2008", "50"),
        targets=[value("2009", "60"), value("2010", "65"), value("2011", text="Not set"), value("2012", "70")],
        actuals=[value("2009", text="Not yet published")],
    )
    root = parse(indicator_chart(ind, "kpi"))
    not_set, actual = texts(root, "chart-not-set")
    assert not_set == "Not set"
    assert actual.startswith("Actual: Not"), "shortened to its column; the desc has it in full"
    assert markers(series(root, "actual")) == []
    assert len(markers(series(root, "target"))) == 3
    legend = [text_of(e) for e in by_class(root, "chart-legend")[0].iter(f"{SVG}text")]
    assert legend == ["Baseline", "Targets"]
    # The dashed line breaks at the target that is not set: one segment, 2009 to 2010, none on to 2012.
    columns = {text_of(e): float(e.get("x")) for e in by_class(root, "chart-x-label")}
    (line,) = series(root, "target").iter(f"{SVG}path")
    assert line.get("d").count("M") == 1
    xs = [float(n) for n in re.findall(r"[ML](-?[\d.]+)", line.get("d"))]
    assert columns["2009"] < min(xs) and max(xs) < columns["2010"]
    desc = text_of(root.find(f"{SVG}desc"))
    assert "Target not set for 2011." in desc
    assert "Actual for 2009: Not yet published." in desc


def test_one_number_is_enough():
    root = parse(indicator_chart(indicator(targets=[value("2010", text="Not set"), value("2011", "5")]), "kpi"))
    assert texts(root, "chart-value") == ["5"]
    assert texts(root, "chart-not-set") == ["Not set"]


# --- the y axis --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "numbers, unit",
    [
        (["72", "84", "84"], "%"),
        (["100", "95"], "%"),
        (["0.5", "0.75"], "%"),
        (["12000", "12500", "12100"], "pupils"),
        (["-3", "8"], None),
        (["-40", "-10"], None),
        (["0"], None),
        (["7"], "days"),
        (["1234567.89", "1300000"], "£"),
    ],
)
def test_y_axis_covers_the_values(numbers, unit):
    check_axis([Decimal(n) for n in numbers], unit)


@settings(max_examples=150, deadline=None)
@given(
    numbers=st.lists(
        st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=8,
    ),
    unit=st.sampled_from(["%", "pupils", None]),
)
def test_y_axis_covers_any_values(numbers, unit):
    check_axis(numbers, unit)


def check_axis(numbers: list[Decimal], unit: str | None) -> None:
    ind = indicator(
        unit=unit,
        baseline=value("base", str(numbers[0])),
        targets=[value(f"t{i}", str(n)) for i, n in enumerate(numbers[1:])],
    )
    root = parse(indicator_chart(ind, "kpi"))
    labels = texts(root, "chart-y-label")
    assert 4 <= len(labels) <= 6, labels
    ticks = tick_values(root)
    assert ticks == sorted(ticks) and len(set(ticks)) == len(ticks)
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1, "evenly spaced"
    assert ticks[0] <= min(numbers)
    assert ticks[-1] >= max(numbers)
    # Headroom above the largest value, except at 100% or at zero.
    assert ticks[-1] > max(numbers) or max(numbers) == 0 or (unit == "%" and max(numbers) == 100)
    if unit == "%":
        assert all(label.endswith("%") for label in labels)
    elif unit:
        assert texts(root, "chart-axis-title") == [unit]
    else:
        assert texts(root, "chart-axis-title") == []
    # Every point lies inside the plot, between the lowest and highest gridline.
    grid_ys = [float(e.get("y1")) for e in by_class(root, "chart-grid")]
    centres = [float(m.get("y")) + 5 for m in markers(series(root, "baseline"))]
    if numbers[1:]:
        centres += [float(m.get("cy")) for m in markers(series(root, "target"))]
    assert len(centres) == len(numbers)
    for centre in centres:
        assert min(grid_ys) - 0.1 <= centre <= max(grid_ys) + 0.1
