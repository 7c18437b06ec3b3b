"""Accessible inline SVG charts of an indicator's baseline, targets and actuals.

A pure function of the ``Indicator``: the same indicator always gives the same
markup, byte for byte (coordinates are rounded to one decimal place). Only the
standard library is used.

Each series can be told apart without colour: the baseline is a square, the
targets a dashed line with hollow circles, the actuals a solid line with
filled triangles, and every point carries its value as text. A target that is
"Not set" is written as text at the top of its column, never drawn as zero.
The ``<title>`` and ``<desc>`` state every value in words for screen readers.

All text from the plan is escaped: it is untrusted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from xml.sax.saxutils import escape, quoteattr

from generator.model.plan import Indicator, IndicatorValue, Polarity

__all__ = ["indicator_chart"]

# --- geometry (viewBox units) ----------------------------------------------------

WIDTH = 640
HEIGHT = 320
PLOT_TOP = 64
PLOT_BOTTOM = 264
RIGHT_MARGIN = 16
LEGEND_Y = 20
FONT_SIZE = 12
CHAR_WIDTH = 7.2  # a generous average glyph width at 12 units, for fitting text
LABEL_GAP = 11

# One accent colour per series, each at least 3:1 against white and against a
# dark (#1e2129) page, so markers and lines stay visible in light and dark mode.
# Text and axes use currentColor.
COLOURS = {
    "baseline": "#8b5fc8",
    "target": "#c05a10",
    "actual": "#2f7fd1",
}
SERIES_NAMES = {"baseline": "Baseline", "target": "Target", "actual": "Actual"}
TARGET_DASH = "6 4"


@dataclass(frozen=True)
class _Frame:
    """Where the plot sits: its left edge, its columns (one per period) and its value scale."""

    left: float
    band: float
    column: dict[str, int]
    axis_lo: Decimal
    axis_hi: Decimal

    def x_of(self, period: str) -> float:
        return self.left + self.band * (self.column[period] + 0.5)

    def y_of(self, value: Decimal) -> float:
        share = float((value - self.axis_lo) / (self.axis_hi - self.axis_lo))
        return PLOT_BOTTOM - share * (PLOT_BOTTOM - PLOT_TOP)


def indicator_chart(indicator: Indicator, chart_id: str) -> str:
    """An accessible inline SVG chart of an indicator's baseline, targets and actuals, as a string of SVG markup."""
    entries = _entries(indicator)
    numbers = [e.value.value for e in entries if e.value.value is not None]
    if not numbers:
        return ""

    unit = (indicator.unit or "").strip()
    percent = unit == "%"
    periods = _periods(entries)
    axis_lo, axis_hi, step = _scale(min(numbers), max(numbers), percent)
    ticks = _ticks(axis_lo, axis_hi, step)
    tick_labels = [_number(t) + ("%" if percent else "") for t in ticks]
    left = max(48.0, 16 + CHAR_WIDTH * max(len(label) for label in tick_labels))
    band = (WIDTH - RIGHT_MARGIN - left) / len(periods)
    frame = _Frame(left, band, {period: index for index, period in enumerate(periods)}, axis_lo, axis_hi)

    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f"aria-labelledby={quoteattr(f'{title_id} {desc_id}')} "
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" class="indicator-chart" '
        f'font-family="inherit" font-size="{FONT_SIZE}" fill="currentColor">',
        f"<title id={quoteattr(title_id)}>{escape(indicator.code)}: baseline, targets and actuals</title>",
        f"<desc id={quoteattr(desc_id)}>{escape(_description(indicator, entries, unit))}</desc>",
        # Legend and polarity, across the top.
        _legend(entries, left),
        _polarity(indicator),
        _y_axis(frame, ticks, tick_labels, unit, percent),
        _x_axis(frame, periods),
        _series(entries, frame, percent),
        "</svg>",
    ]
    return "".join(out)


def _polarity(indicator: Indicator) -> str:
    """ "↑ Higher is better" (or lower) at the top right, when the indicator says which."""
    if indicator.polarity is None:
        return ""
    words = "Higher is better" if indicator.polarity == Polarity.higher_is_better else "Lower is better"
    arrow = "\u2191" if indicator.polarity == Polarity.higher_is_better else "\u2193"
    return (
        f'<text class="chart-polarity" x="{_c(WIDTH - RIGHT_MARGIN)}" y="{_c(LEGEND_Y + 4)}" '
        f'text-anchor="end">{arrow} {words}</text>'
    )


def _y_axis(frame: _Frame, ticks: list[Decimal], tick_labels: list[str], unit: str, percent: bool) -> str:
    """Y axis: gridlines with labels, and the unit word as the axis title."""
    out = ['<g class="chart-y-axis">']
    left = frame.left
    if unit and not percent:
        out.append(
            f'<text class="chart-axis-title" x="8" y="{_c(PLOT_TOP - 22)}" text-anchor="start">{escape(unit)}</text>'
        )
    for tick, label in zip(ticks, tick_labels):
        y = frame.y_of(tick)
        out.append(
            f'<line class="chart-grid" x1="{_c(left)}" y1="{_c(y)}" x2="{_c(WIDTH - RIGHT_MARGIN)}" y2="{_c(y)}" '
            f'stroke="currentColor" stroke-opacity="0.25" stroke-width="1"/>'
        )
        out.append(
            f'<text class="chart-y-label" x="{_c(left - 8)}" y="{_c(y + 4)}" text-anchor="end">{escape(label)}</text>'
        )
    out.append(
        f'<line class="chart-axis" x1="{_c(left)}" y1="{_c(PLOT_BOTTOM)}" x2="{_c(WIDTH - RIGHT_MARGIN)}" '
        f'y2="{_c(PLOT_BOTTOM)}" stroke="currentColor" stroke-width="1"/>'
    )
    out.append("</g>")
    return "".join(out)


def _x_axis(frame: _Frame, periods: list[str]) -> str:
    """X axis: one column per period, in order of first appearance."""
    per_line = max(3, int((frame.band - 4) / CHAR_WIDTH))
    out = ['<g class="chart-x-axis">']
    for period in periods:
        x = frame.x_of(period)
        out.append(
            f'<line x1="{_c(x)}" y1="{_c(PLOT_BOTTOM)}" x2="{_c(x)}" y2="{_c(PLOT_BOTTOM + 5)}" '
            f'stroke="currentColor" stroke-width="1"/>'
        )
        lines = _wrap(period, per_line, 2)
        if len(lines) == 1:
            body = escape(lines[0])
        else:
            body = "".join(
                f'<tspan x="{_c(x)}" dy="{0 if n == 0 else 14}">{escape(line)}</tspan>' for n, line in enumerate(lines)
            )
        out.append(
            f'<text class="chart-x-label" x="{_c(x)}" y="{_c(PLOT_BOTTOM + 20)}" text-anchor="middle">{body}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _series(entries: list[_Entry], frame: _Frame, percent: bool) -> str:
    """Series: lines first, then markers, then every label on top."""
    labels: list[str] = []
    _place_value_labels(entries, frame.x_of, frame.y_of, percent, labels)
    _place_text_labels(entries, frame.x_of, frame.band, labels)
    out = []
    # Actuals first, so the hollow target circles stay visible on top of them.
    for kind in ("actual", "target", "baseline"):
        series = [e for e in entries if e.kind == kind]
        if not series:
            continue
        colour = COLOURS[kind]
        out.append(f'<g class="chart-series chart-{kind}">')
        if kind != "baseline":
            out.append(_line(kind, series, frame.x_of, frame.y_of, colour))
        for entry in series:
            if entry.value.value is not None:
                out.append(_marker(kind, frame.x_of(entry.value.period), frame.y_of(entry.value.value), colour))
        out.append("</g>")
    out.append('<g class="chart-labels">')
    out.extend(labels)
    out.append("</g>")
    return "".join(out)


# --- data --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    kind: str  # "baseline", "target" or "actual"
    value: IndicatorValue
    order: int


def _entries(indicator: Indicator) -> list[_Entry]:
    values: list[tuple[str, IndicatorValue]] = []
    if indicator.baseline is not None:
        values.append(("baseline", indicator.baseline))
    values += [("target", v) for v in indicator.targets]
    values += [("actual", v) for v in indicator.actuals]
    return [_Entry(kind, value, order) for order, (kind, value) in enumerate(values)]


def _periods(entries: list[_Entry]) -> list[str]:
    """Periods in order of first appearance: baseline, then targets, then actuals."""
    seen: dict[str, None] = {}
    for entry in entries:
        seen.setdefault(entry.value.period, None)
    return list(seen)


def _is_not_set(value: IndicatorValue) -> bool:
    return (value.text or "").strip().rstrip(".").lower() in ("not set", "")


# --- numbers -----------------------------------------------------------------------


def _number(value: Decimal) -> str:
    """72 → "72", 84.50 → "84.5", 12000 → "12,000"."""
    if value == 0:
        return "0"
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return f"{value:,f}"


def _with_unit(value: Decimal, unit: str) -> str:
    if unit == "%":
        return f"{_number(value)}%"
    if unit:
        return f"{_number(value)} {unit}"
    return _number(value)


def _scale(low: Decimal, high: Decimal, percent: bool) -> tuple[Decimal, Decimal, Decimal]:
    """(axis minimum, axis maximum, step) with 3 to 5 nice steps (4 to 6 gridlines).

    The axis starts at zero for percentages and whenever the values are not far
    from zero; otherwise a nice step below the smallest value. The maximum is a
    nice step above the largest value (100% may be its own maximum)."""
    lo, hi = low, high
    if lo >= 0 and (percent or lo * 2 <= hi or lo == hi):
        lo = Decimal(0)
    elif hi <= 0 and (percent or hi * 2 >= lo or lo == hi):
        hi = Decimal(0)
    if lo == hi:  # every value is zero
        hi = Decimal(1)
    span = hi - lo
    exponent = span.adjusted()
    candidates = sorted(
        Decimal(mantissa).scaleb(power)
        for power in range(exponent - 2, exponent + 2)
        for mantissa in ("1", "2", "2.5", "5")
    )
    best: tuple[int, Decimal, Decimal, Decimal] | None = None
    for step in candidates:
        axis_lo = (lo / step).to_integral_value(rounding=ROUND_FLOOR) * step
        if axis_lo == low and low != 0:
            axis_lo -= step
        axis_hi = (hi / step).to_integral_value(rounding=ROUND_CEILING) * step
        if axis_hi == high and high != 0 and not (percent and high == 100):
            axis_hi += step
        if axis_hi == axis_lo:
            axis_hi += step
        count = int((axis_hi - axis_lo) / step)
        if 3 <= count <= 5:
            return axis_lo, axis_hi, step
        distance = min(abs(count - 3), abs(count - 5))
        if best is None or distance < best[0]:
            best = (distance, axis_lo, axis_hi, step)
    assert best is not None
    return best[1], best[2], best[3]


def _ticks(axis_lo: Decimal, axis_hi: Decimal, step: Decimal) -> list[Decimal]:
    count = int((axis_hi - axis_lo) / step)
    return [axis_lo + step * i for i in range(count + 1)]


def _c(value: float) -> str:
    """A coordinate rounded to one decimal place, without a needless ".0"."""
    text = f"{round(value, 1) + 0.0:.1f}"
    if text == "-0.0":
        text = "0.0"
    return text[:-2] if text.endswith(".0") else text


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces where it can be;
    the last line ends in an ellipsis when the text does not fit."""
    lines: list[str] = []
    rest = text
    while len(rest) > width and len(lines) < max_lines - 1:
        cut = rest.rfind(" ", 0, width + 1)
        if cut <= 0:
            cut = width
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    lines.append(_shorten(rest, width))
    return lines


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "\u2026"


# --- words -------------------------------------------------------------------------


def _description(indicator: Indicator, entries: list[_Entry], unit: str) -> str:
    sentences: list[str] = []
    for entry in entries:
        value = entry.value
        name = SERIES_NAMES[entry.kind]
        if value.value is not None:
            where = f" in {value.period}" if value.period else ""
            sentences.append(f"{name} {_with_unit(value.value, unit)}{where}.")
        elif _is_not_set(value):
            where = f" for {value.period}" if value.period else ""
            sentences.append(f"{name} not set{where}.")
        else:
            where = f" for {value.period}" if value.period else ""
            sentences.append(f"{name}{where}: {value.text}.")
    if not indicator.actuals:
        sentences.append("No actuals recorded.")
    if indicator.polarity == Polarity.higher_is_better:
        sentences.append("Higher is better.")
    elif indicator.polarity == Polarity.lower_is_better:
        sentences.append("Lower is better.")
    return " ".join(sentences)


# --- drawing -----------------------------------------------------------------------


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "baseline":
        return (
            f'<rect class="chart-marker" x="{_c(x - 5)}" y="{_c(y - 5)}" width="10" height="10" '
            f'fill="{colour}" stroke="{colour}" stroke-width="1"/>'
        )
    if kind == "target":
        return (
            f'<circle class="chart-marker" cx="{_c(x)}" cy="{_c(y)}" r="5" '
            f'fill="none" stroke="{colour}" stroke-width="2"/>'
        )
    corners = f"{_c(x)},{_c(y - 6.5)} {_c(x + 6)},{_c(y + 4.5)} {_c(x - 6)},{_c(y + 4.5)}"
    return f'<polygon class="chart-marker" points="{corners}" fill="{colour}" stroke="{colour}" stroke-width="1"/>'


def _line(kind, series: list[_Entry], x_of, y_of, colour: str) -> str:
    """The series' line: a path through its values in period order, broken where a value is missing.

    Target segments stop at the edge of the hollow circles so the circles stay hollow."""
    ordered = sorted(series, key=lambda e: (x_of(e.value.period), e.order))
    runs: list[list[tuple[float, float]]] = [[]]
    for entry in ordered:
        if entry.value.value is None:
            runs.append([])
        else:
            runs[-1].append((x_of(entry.value.period), y_of(entry.value.value)))
    trim = 6.0 if kind == "target" else 0.0
    commands: list[str] = []
    for run in runs:
        for (x1, y1), (x2, y2) in zip(run, run[1:]):
            length = math.hypot(x2 - x1, y2 - y1)
            if length <= 2 * trim:
                continue
            dx, dy = (x2 - x1) / length * trim, (y2 - y1) / length * trim
            commands.append(f"M{_c(x1 + dx)} {_c(y1 + dy)}L{_c(x2 - dx)} {_c(y2 - dy)}")
    if not commands:
        return ""
    dash = f' stroke-dasharray="{TARGET_DASH}"' if kind == "target" else ""
    width = "2" if kind == "target" else "2.5"
    return (
        f'<path class="chart-line" d="{"".join(commands)}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>'
    )


def _label(x: float, y: float, anchor: str, text: str, css: str, kind: str) -> str:
    return (
        f'<text class="{css} chart-{kind}-label" x="{_c(x)}" y="{_c(y)}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _place_value_labels(entries, x_of, y_of, percent: bool, labels: list[str]) -> None:
    """A value label beside every plotted point.

    In each column the highest point is labelled above and the lowest below; a
    third point in the same column is labelled to its left. A label that would
    fall on the x axis goes to the right of its point instead."""
    columns: dict[float, list[tuple[float, _Entry]]] = {}
    for entry in entries:
        if entry.value.value is not None:
            columns.setdefault(x_of(entry.value.period), []).append((y_of(entry.value.value), entry))
    for x, points in columns.items():
        points.sort(key=lambda p: (p[0], p[1].order))
        for rank, (y, entry) in enumerate(points):
            text = _number(entry.value.value or Decimal(0)) + ("%" if percent else "")  # placed points have values
            if rank == 0:
                place = "above"
            elif rank == len(points) - 1:
                place = "below"
            else:
                place = "left"
            if place == "below" and y + 20 > PLOT_BOTTOM - 2:
                place = "right"
            if place == "above":
                labels.append(_label(x, y - LABEL_GAP, "middle", text, "chart-value", entry.kind))
            elif place == "below":
                labels.append(_label(x, y + LABEL_GAP + 10, "middle", text, "chart-value", entry.kind))
            elif place == "left":
                labels.append(_label(x - LABEL_GAP, y + 4, "end", text, "chart-value", entry.kind))
            else:
                labels.append(_label(x + LABEL_GAP, y + 4, "start", text, "chart-value", entry.kind))


def _place_text_labels(entries, x_of, band: float, labels: list[str]) -> None:
    """Values without a number ("Not set") as text at the top of their column, stacked.

    Targets show the text as written; a baseline or actual says which it is."""
    stacked: dict[float, int] = {}
    limit = max(6, int((band - 4) / CHAR_WIDTH))
    for entry in entries:
        if entry.value.value is not None:
            continue
        x = x_of(entry.value.period)
        row = stacked.get(x, 0)
        stacked[x] = row + 1
        text = entry.value.text or "Not set"
        if entry.kind != "target":
            text = f"{SERIES_NAMES[entry.kind]}: {text}"
        y = PLOT_TOP + 14 + 16 * row
        labels.append(_label(x, y, "middle", _shorten(text, limit), "chart-not-set", entry.kind))


def _legend(entries: list[_Entry], left: float) -> str:
    """The series with plotted values, each with its marker and line style, across the top."""
    parts = ['<g class="chart-legend">']
    x = left
    y = LEGEND_Y
    for kind in ("baseline", "target", "actual"):
        if not any(e.kind == kind and e.value.value is not None for e in entries):
            continue
        colour = COLOURS[kind]
        parts.append(f'<g class="chart-legend-item chart-legend-{kind}">')
        if kind == "target":  # the line stops at the hollow circle, as in the chart
            parts.append(
                f'<path d="M{_c(x - 4)} {_c(y)}h12M{_c(x + 20)} {_c(y)}h12" fill="none" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="{TARGET_DASH}"/>'
            )
        elif kind == "actual":
            parts.append(
                f'<line x1="{_c(x - 4)}" y1="{_c(y)}" x2="{_c(x + 32)}" y2="{_c(y)}" stroke="{colour}" '
                f'stroke-width="2.5"/>'
            )
        parts.append(_marker(kind, x + 14, y, colour))
        name = {"baseline": "Baseline", "target": "Targets", "actual": "Actuals"}[kind]
        parts.append(f'<text x="{_c(x + 40)}" y="{_c(y + 4)}" text-anchor="start">{name}</text>')
        parts.append("</g>")
        x += 40 + len(name) * CHAR_WIDTH + 20
    parts.append("</g>")
    return "".join(parts)
