// Charts that stay on the page: the element is drawn once and updated in place with Plotly.react at
// every rerun, themed exactly as Streamlit themes st.plotly_chart (its PlotlyChart theme, ported
// from the colours and sizes of Streamlit's own theme), in light and dark alike.

const bundles = new Map();

function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!bundles.has(url)) {
    bundles.set(
      url,
      new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = url;
        script.onload = () => resolve(window.Plotly);
        script.onerror = () => reject(new Error(`plotly.js did not load from ${url}`));
        document.head.appendChild(script);
      }),
    );
  }
  return bundles.get(url);
}

// Streamlit's greys, and the ones its chart theme picks on a light or a dark background.
const GRAY = { 10: "#fafafa", 30: "#e6eaf1", 70: "#808495", 85: "#31333F", 90: "#262730" };

function isLight(color, host) {
  const probe = document.createElement("span");
  probe.style.color = color;
  host.appendChild(probe);
  const [r, g, b] = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
  probe.remove();
  const linear = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) > 0.5;
}

// The layout template Streamlit gives a Plotly chart (theme="streamlit"), from the page's theme.
function streamlitTemplate(host) {
  const style = getComputedStyle(host);
  const css = (name) => style.getPropertyValue(name).trim();
  const bg = css("--st-background-color");
  const light = isLight(bg, host);
  const muted = light ? GRAY[70] : GRAY[30];
  const lines = light ? GRAY[30] : GRAY[85];
  const strong = light ? GRAY[90] : GRAY[10];
  const body = css("--st-font").split(",").map((name) => name.trim()).join(", "); // as Streamlit writes it
  const heading = css("--st-heading-color");
  const axisTitle = { font: { color: muted, size: 14 } };
  return {
    font: { color: muted, family: body, size: 12, weight: Number(css("--st-base-font-weight")) || 400 },
    title: {
      color: heading,
      subtitleColor: css("--st-text-color"),
      font: { family: css("--st-heading-font"), size: 16, color: heading },
      pad: { l: 4 },
      xanchor: "left",
      x: 0,
    },
    legend: {
      title: { font: { size: 12, color: muted }, side: "top" },
      valign: "top",
      bordercolor: "transparent",
      borderwidth: 0,
      font: { size: 12, color: strong },
    },
    paper_bgcolor: bg,
    plot_bgcolor: bg,
    yaxis: {
      ticklabelposition: "outside",
      zerolinecolor: lines,
      title: { ...axisTitle, standoff: 24 },
      tickcolor: lines,
      tickfont: { color: muted, size: 12 },
      gridcolor: lines,
      minor: { gridcolor: lines },
      automargin: true,
    },
    xaxis: {
      zerolinecolor: lines,
      gridcolor: lines,
      showgrid: false,
      tickfont: { color: muted, size: 12 },
      tickcolor: lines,
      title: { ...axisTitle, standoff: 20 },
      minor: { gridcolor: lines },
      zeroline: false,
      automargin: true,
    },
    margin: { pad: 8, r: 0, l: 0 },
    hoverlabel: { bgcolor: bg, bordercolor: css("--st-border-color"), font: { color: muted, family: body, size: 12 } },
    coloraxis: {
      colorbar: {
        thickness: 16,
        xpad: 24,
        ticklabelposition: "outside",
        outlinecolor: "transparent",
        outlinewidth: 8,
        len: 0.75,
        y: 0.5745,
        title: axisTitle,
        tickfont: { color: muted, size: 12 },
      },
    },
  };
}

// A copy of ``root`` with ``value`` at ``path``, each container on the way copied and the rest
// shared: Plotly.react then finds every change by comparing containers with what it drew last.
function assoc(root, path, value) {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const copy = Array.isArray(root) ? [...root] : { ...root };
  if (value === undefined && rest.length === 0) delete copy[key];
  else copy[key] = assoc(root[key], rest, value);
  return copy;
}

// The figure the element shows: sent whole, or as the changes from the revision it shows.
function update(chart, data, setTriggerValue) {
  if (data.figure) {
    chart.__figure = data.figure;
  } else if (chart.__figure && data.base === chart.__revision) {
    let figure = chart.__figure;
    for (const [path, value] of data.changes.set) figure = assoc(figure, path, value);
    for (const path of data.changes.unset) figure = assoc(figure, path, undefined);
    chart.__figure = figure;
  } else {
    setTriggerValue("resync", data.revision); // a change went missing: ask for the whole figure
    return false;
  }
  chart.__revision = data.revision;
  return true;
}

export async function render({ data, parentElement, setTriggerValue }) {
  let chart = parentElement.querySelector(":scope > .live-chart");
  if (!chart) {
    chart = document.createElement("div");
    chart.className = "live-chart";
    chart.setAttribute("role", "figure");
    parentElement.appendChild(chart);
    // The column's width can change without the window's (the sidebar folds): follow the element.
    new ResizeObserver(() => chart.layout && window.Plotly.Plots.resize(chart)).observe(chart);
  }
  if (chart.__revision === data.revision) return; // the same data again: already shown
  if (!update(chart, data, setTriggerValue)) return;
  const figure = chart.__figure;
  chart.setAttribute("aria-label", data.label);
  chart.style.height = `${figure.layout.height}px`; // reserved before plotly.js arrives: no layout shift
  chart.__latest = data; // a later rerun may overtake this one while plotly.js loads
  chart.dataset.state = "drawing"; // "drawn" once this data is on the screen (tests wait for it)
  let Plotly;
  try {
    Plotly = await loadPlotly(new URL(data.bundle, document.baseURI).href);
  } catch (error) {
    chart.textContent = `${data.label}: the chart could not be drawn (${error.message}).`;
    return;
  }
  if (chart.__latest !== data) return;
  // Plotly writes what it computes (an axis's domain, a trace's uid) into the objects it is given:
  // it gets copies, so the figure the changes apply to stays the one Python sent. Arrays are shared,
  // so Plotly.react still sees at a glance which ones changed.
  const layout = { ...structuredClone(figure.layout), template: { layout: streamlitTemplate(parentElement) } };
  const traces = figure.data.map((trace) => ({ ...trace }));
  await Plotly.react(chart, {
    data: traces,
    layout,
    frames: figure.frames || [],
    config: { displayModeBar: false, responsive: true },
  });
  if (chart.__latest === data) chart.dataset.state = "drawn";
}
