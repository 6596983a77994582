//! A bar chart of months drawn as inline SVG (no chart library: the wasm stays small).
//!
//! Horizontal positions are percentages of the chart's width and vertical ones pixels of
//! its fixed height, so the chart fills a phone or a desktop column while its labels keep
//! their size (a `viewBox` would shrink the text on a phone).

use domkom_values::Period;
use leptos::prelude::*;

/// The drawing's height in pixels: bars, then a row for the months' names.
const HEIGHT: i64 = 150;
/// Above the tallest bar: room for the scale's label.
const TOP: i64 = 18;
/// The bars' baseline; the months' names are below it.
const BASE: i64 = HEIGHT - 22;

/// One bar of a month.
#[derive(Clone)]
pub struct Bar {
    /// The CSS class that colours it (`chart-bar-…`), also its series for tests.
    pub class: &'static str,
    /// In the smallest unit of what is drawn (kopecks, thousandths), the one `scale`
    /// reads. Drawn at zero when negative (a month whose recalculation exceeds its
    /// charge).
    pub value: i64,
}

/// One month: its bars side by side and what a tooltip says about them.
#[derive(Clone)]
pub struct Month {
    pub period: Period,
    pub bars: Vec<Bar>,
    /// E.g. «Октябрь 2026: начислено 1 234,56 ₽, оплачено 1 000,00 ₽».
    pub title: String,
}

/// What a colour means, under the chart.
#[derive(Clone)]
pub struct Legend {
    pub class: &'static str,
    pub label: &'static str,
}

/// Hundredths of a percent as an SVG length: `1250` → `12.5%`.
fn percent(hundredths: i64) -> String {
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// The months as bars, oldest on the left, scaled to the largest value; `scale` prints
/// that value above the chart (`12 345 ₽`, `6,5 м³`). A screen reader gets the months'
/// titles instead of the drawing.
#[component]
pub fn BarChart(
    caption: String,
    months: Vec<Month>,
    legend: Vec<Legend>,
    scale: fn(i64) -> String,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let highest = months
        .iter()
        .flat_map(|m| m.bars.iter().map(|b| b.value))
        .max()
        .unwrap_or(0)
        .max(1);
    let count = i64::try_from(months.len()).unwrap_or(1).max(1);
    // Each month gets an equal slot, its bars share 70 % of it. A slot is never wider
    // than a sixth of the chart, so a month or two stay bars, centred, not blocks.
    let slot = 10_000 / count.max(6);
    let offset = (10_000 - slot * count) / 2;
    let spoken = months
        .iter()
        .map(|m| m.title.clone())
        .collect::<Vec<_>>()
        .join("; ");
    let groups = months
        .into_iter()
        .enumerate()
        .map(|(i, month)| {
            let left = offset + slot * i64::try_from(i).unwrap_or(0);
            let bars = i64::try_from(month.bars.len()).unwrap_or(1).max(1);
            let width = slot * 7 / 10 / bars;
            let start = left + slot * 15 / 100;
            let short: String = crate::format::period(month.period).chars().take(3).collect();
            let rects = month
                .bars
                .iter()
                .enumerate()
                .map(|(k, bar)| {
                    let height = bar.value.max(0) * (BASE - TOP) / highest;
                    // A month with something in it never looks empty.
                    let height = if bar.value > 0 { height.max(2) } else { 0 };
                    let x = start + width * i64::try_from(k).unwrap_or(0);
                    view! {
                        <rect
                            class=format!("chart-bar {}", bar.class)
                            data-value=bar.value
                            x=percent(x)
                            width=percent(width)
                            y=BASE - height
                            height=height
                            rx="2"
                        />
                    }
                })
                .collect_view();
            view! {
                <g data-period=month.period.to_string()>
                    <title>{month.title.clone()}</title>
                    // The whole slot answers the pointer, so a tooltip shows on a short bar too.
                    <rect class="chart-slot" x=percent(left) width=percent(slot) y="0" height=HEIGHT />
                    {rects}
                    <text class="chart-month" x=percent(left + slot / 2) y=HEIGHT - 6 text-anchor="middle">
                        {short}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <figcaption class="muted">{caption}</figcaption>
            <svg class="chart-svg" width="100%" height=HEIGHT role="img" aria-label=spoken>
                <line class="chart-grid" x1="0" x2="100%" y1=TOP y2=TOP />
                <text class="chart-scale" x="0" y=TOP - 5>{scale(highest)}</text>
                <line class="chart-axis" x1="0" x2="100%" y1=BASE y2=BASE />
                {groups}
            </svg>
            <ul class="chart-legend">
                {legend
                    .into_iter()
                    .map(|l| {
                        view! {
                            <li>
                                <span class=format!("chart-swatch {}", l.class) aria-hidden="true"></span>
                                {l.label}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </figure>
    }
}
