// Charts that stay on the page: the element is drawn once and updated in place with Plotly.react at
// every rerun, themed exactly as Streamlit themes st.plotly_chart (its PlotlyChart theme, ported
// from the colours and sizes of Streamlit's own theme), in light and dark alike.

// The control under a chart, in the page's theme (components get it as --st-* variables).
const STYLE = `
.live-chart-control { display: flex; align-items: center; gap: 0.75rem; min-height: 2.5rem;
  font-family: var(--st-font); font-size: 0.875rem; color: var(--st-text-color); }
.live-chart-control input[type=range] { flex: 1; min-width: 0; margin: 0; height: 1.5rem;
  accent-color: var(--st-primary-color); cursor: pointer; }
.live-chart-control output { min-width: 5.5em; font-variant-numeric: tabular-nums; white-space: nowrap; }
.live-chart-play { font: inherit; color: inherit; background: var(--st-background-color);
  border: 1px solid var(--st-border-color); border-radius: var(--st-button-radius, 0.5rem);
  padding: 0.25rem 0.75rem; min-height: 2.25rem; cursor: pointer; white-space: nowrap; }
.live-chart-play:hover { border-color: var(--st-primary-color); color: var(--st-primary-color); }
.live-chart-play:focus-visible, .live-chart-control input:focus-visible {
  outline: 2px solid var(--st-primary-color); outline-offset: 2px; }
.live-chart-play[hidden] { display: none; }
.live-chart-play:disabled, .live-chart-control input:disabled { cursor: not-allowed; opacity: 0.5; }
.live-chart-play:disabled:hover { border-color: var(--st-border-color); color: inherit; }
.live-chart-summary { position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
`;

function addStyle() {
  if (document.getElementById("live-chart-style")) return;
  const style = document.createElement("style");
  style.id = "live-chart-style";
  style.textContent = STYLE;
  document.head.appendChild(style);
}

// Streamlit's greys, and the ones its chart theme picks on a light or a dark background.
const GRAY = { 10: "#fafafa", 30: "#e6eaf1", 70: "#808495", 85: "#31333F", 90: "#262730" };

// A CSS colour as [r, g, b], 0 to 255, as the browser resolves it.
function rgbOf(color, host) {
  const probe = document.createElement("span");
  probe.style.color = color;
  host.appendChild(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g).slice(0, 3).map(Number);
  probe.remove();
  return rgb;
}

// WCAG 2's relative luminance of [r, g, b], and the contrast ratio of two: text needs 4.5 (AA).
function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [dark, light] = [luminance(a), luminance(b)].sort((x, y) => x - y);
  return (light + 0.05) / (dark + 0.05);
};
const TEXT_CONTRAST = 4.5;

// ``color`` (a CSS colour) as it is if it can be read on ``bg``, else moved toward ``strong`` just enough
// (both [r, g, b]), as an rgb() colour.
function legible(color, strong, bg, host) {
  const rgb = rgbOf(color, host);
  if (contrast(rgb, bg) >= TEXT_CONTRAST) return color;
  for (let t = 0.05; t <= 1; t += 0.05) {
    const mixed = rgb.map((c, i) => Math.round(c + (strong[i] - c) * t));
    if (contrast(mixed, bg) >= TEXT_CONTRAST) return `rgb(${mixed.join(", ")})`;
  }
  return `rgb(${strong.join(", ")})`;
}

// The layout template Streamlit gives a Plotly chart (theme="streamlit"), from the page's theme.
function streamlitTemplate(host) {
  const style = getComputedStyle(host);
  const css = (name) => style.getPropertyValue(name).trim();
  const bg = css("--st-background-color");
  const background = rgbOf(bg, host);
  const light = luminance(background) > 0.5;
  const lines = light ? GRAY[30] : GRAY[85];
  const strong = light ? GRAY[90] : GRAY[10];
  // Streamlit's grey for a chart's text reads at 3.7:1 on white: darkened (lightened on dark) to 4.5:1.
  const muted = legible(light ? GRAY[70] : GRAY[30], rgbOf(strong, host), background, host);
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

// The chart's own controls, one row each under the plot: a range input (with ▶ when it plays, and
// dragging on the plot when its values lie along the x axis). Each position moves the traces at once,
// from the states Python listed or from the mixture a sweep describes; the value goes to Python at
// most every THROTTLE ms while it moves, and always when it stops, and Python sets the page's control. Until Python's figure shows the
// value the user chose, the user's value is the one drawn: a rerun that answers a value the user
// sent before, or that comes while the user is still dragging or playing, does not pull the chart
// back; one that shows any other value (the page's slider moved) is the truth.
const THROTTLE = 100;
const PATIENCE = 1500; // how long a move waits for Python to take the one before
const PLAY_MS = 3000; // ▶ crosses the whole range in about this long, slowly enough to follow
const CONFIRM_MS = 750; // how long Python has to show the last value sent before it is sent again
const RETRIES = 3;

// Trace ``i``'s attributes in a restyle update ({"x": [[...], ...], "marker.symbol": [...]}), as a trace.
function traceOf(update, i) {
  const trace = {};
  for (const [path, values] of Object.entries(update)) {
    const keys = path.split(".");
    let node = trace;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys.at(-1)] = values[i];
  }
  return trace;
}

// A typed array as Python sends one ({dtype: "f8", bdata}: float64 in base64), or a plain array, as
// numbers; each is decoded once.
const decoded = new WeakMap();
function numbers(array) {
  if (!array?.bdata) return array;
  if (array.dtype !== "f8") throw new Error(`an array of ${array.dtype} where float64 was expected`);
  if (!decoded.has(array)) {
    const bytes = Uint8Array.from(atob(array.bdata), (c) => c.charCodeAt(0));
    decoded.set(array, new Float64Array(bytes.buffer));
  }
  return decoded.get(array);
}

// A number as core.units.format_value writes it: fixed decimals and the unit, ∞ alone, no "-0.0000".
function written(value, unit, decimals) {
  if (value === Infinity) return "∞";
  const text = value.toFixed(decimals);
  return `${text.startsWith("-") && Number(text) === 0 ? text.slice(1) : text} ${unit}`;
}

// The traces at position ``index`` of a sweep (core.figures.curves._p_sweep): the curve and the band
// mix the curves at p = 1 and p = 0 (0·∞ = 0, where JavaScript's 0 * Infinity is NaN), the floor and
// the minimum sit on the locus, the prediction is the mixed curve's point at q, and the bracket joins them.
function sweepState(figure, spec, index) {
  const { ends, traces, locus, at, top, readout, symbol, textposition } = spec.sweep;
  const p = spec.values[index];
  const [one, zero] = [numbers(ends.at1), numbers(ends.at0)];
  const curve = one.map((value, i) => (p === 0 ? 0 : p * value) + (p === 1 ? 0 : (1 - p) * zero[i]));
  const floor = numbers(figure.data[locus].y)[index];
  const value = curve[at];
  const end = Number.isFinite(value) ? 0 : 1; // the point at ∞ sits at the top edge, as a triangle
  const y = end ? top : value;
  const text = readout.text
    .replace("{cross_entropy}", written(value, readout.unit, readout.decimals))
    .replace("{kl_divergence}", written(value - floor, readout.unit, readout.decimals));
  const state = {
    floor: { y: [floor, floor] },
    band: { y: curve.map((v) => Math.min(v, top)) },
    curve: { y: curve.map((v) => (Number.isFinite(v) ? v : NaN)) }, // a gap where the curve leaves the top
    minimum: { x: [p], y: [floor] },
    point: { y: [y], text: [text], marker: { symbol: symbol[end] }, textposition: textposition[end] },
    bracket: { y: [floor, y] },
  };
  return { data: Object.keys(state).map((role) => state[role]), traces: Object.keys(state).map((role) => traces[role]) };
}

// The traces a control moves at position ``index``: as per-trace objects, and as a restyle update
// when Python listed the states.
function stateAt(figure, spec, index) {
  if (spec.sweep) return sweepState(figure, spec, index);
  const [update, traces] = spec.states[index];
  return { update, traces, data: traces.map((_, i) => traceOf(update, i)) };
}

function controlOf(chart, parentElement, setTriggerValue, key) {
  chart.__controls ??= new Map();
  if (chart.__controls.has(key)) return chart.__controls.get(key);
  const row = document.createElement("div");
  row.className = "live-chart-control";
  const play = document.createElement("button");
  play.type = "button";
  play.className = "live-chart-play";
  const input = document.createElement("input");
  input.type = "range";
  input.min = "0";
  input.step = "1";
  const readout = document.createElement("output");
  row.append(play, input, readout);
  parentElement.appendChild(row);
  const control = {
    ...{ chart, row, play, input, readout },
    index: null, // the position drawn
    wanted: null, // the position the user chose, until Python's figure shows it
    seq: 0, // the number of the last move sent to Python
    ...{ shown: 0, sent: 0, timer: null, final: false, frame: null, playing: null, dragging: false, touch: null },
    ...{ check: null, retries: 0, elsewhere: false },
  };
  chart.__controls.set(key, control);

  const spec = () => chart.__figure.controls.find((own) => own.key === key);
  control.show = (index) => {
    const { labels, prefix } = spec();
    control.index = index;
    input.value = String(index);
    readout.textContent = `${prefix}${labels[index]}`;
    input.setAttribute("aria-valuetext", readout.textContent);
    if (!chart.layout) return;
    // An animation frame without redraw updates the moving traces alone, for half what a restyle
    // costs (which redraws the axes and the legend too); but plotly.js then drops a heatmap's image,
    // so a chart with one is restyled.
    const { data, traces, update } = stateAt(chart.__figure, spec(), index);
    if (chart.__figure.data.every((trace) => trace.type === "scatter")) {
      const opts = { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } };
      window.Plotly.animate(chart, { data, traces }, opts);
    } else {
      window.Plotly.restyle(chart, update, traces);
    }
  };
  // One move in flight at a time: a move waits for Python to take the one before (or for PATIENCE
  // ms), so that a run is never cut short by the next one, and a busy server is asked no faster than
  // it answers. Moves that wait are folded into the latest; a last one (``final``) stays last.
  control.send = (final) => {
    clearTimeout(control.timer);
    control.final ||= final;
    const waiting = spec().answered < control.seq;
    const wait = control.sent + (waiting ? PATIENCE : control.final ? 0 : THROTTLE) - performance.now();
    if (wait > 0) {
      control.timer = setTimeout(() => control.send(false), wait);
      return;
    }
    final = control.final;
    control.final = false;
    control.timer = null;
    control.sent = performance.now();
    control.seq += 1;
    setTriggerValue("value", { control: key, value: spec().values[control.wanted], seq: control.seq });
    if (final) control.confirm();
  };
  // A last value can be lost on its way: on a busy server, a rerun that Streamlit starts by itself
  // with the page slider's older value has been seen to come after it. Unless the user has since
  // used another control, it is sent again until Python's figure shows it.
  control.confirm = () => {
    clearTimeout(control.check);
    control.check = setTimeout(() => {
      const lost = control.wanted !== null && spec().active !== control.wanted && !control.elsewhere;
      if (lost && !control.dragging && !control.playing && control.retries++ < RETRIES) control.send(true);
    }, CONFIRM_MS);
  };
  const outside = (event) => {
    if (!row.contains(event.target) && !chart.contains(event.target)) control.elsewhere = true;
  };
  document.addEventListener("pointerdown", outside, { capture: true });
  document.addEventListener("keydown", outside, { capture: true });
  // Whether a figure is behind what the user chose: it shows another value, and either the user is
  // still moving this control or Python has not yet taken the last move sent.
  control.behind = ({ active, answered }) =>
    control.wanted !== null &&
    active !== control.wanted &&
    (control.dragging || control.playing || answered < control.seq);
  // The user chose a position: a key press is drawn at once, moves faster than the display (a
  // pointer) once a frame; Python is told soon, or now if ``final``.
  control.choose = (index, final) => {
    for (const other of chart.__controls.values()) if (other !== control) other.stop(); // one moves at a time
    control.wanted = index;
    control.retries = 0;
    control.elsewhere = false;
    const now = performance.now();
    if (control.frame === null && now - control.shown > 16) {
      control.shown = now;
      if (index !== control.index) control.show(index);
    } else if (control.frame === null) {
      control.frame = requestAnimationFrame((now) => {
        control.frame = null;
        control.shown = now;
        if (control.wanted !== control.index) control.show(control.wanted);
      });
    }
    control.send(final);
  };
  input.addEventListener("input", () => control.choose(Number(input.value), false));
  input.addEventListener("change", () => control.choose(Number(input.value), true));

  // ▶ plays once from here (from the start, if at the end) to the last position, or sweeps from here
  // to the last position, back to the first and on, until paused; then it hands the value over.
  control.stop = () => {
    if (!control.playing) return;
    cancelAnimationFrame(control.playing);
    control.playing = null;
    idle(play, spec());
    control.choose(control.index, true);
  };
  play.addEventListener("click", () => {
    if (control.playing) return control.stop();
    const { values, play: mode } = spec();
    const last = values.length - 1;
    const from = control.index === null || (mode === "once" && control.index >= last) ? 0 : control.index;
    let began = null; // the first frame's time: a frame's time can precede the click that started it
    play.textContent = "⏸ pause";
    play.setAttribute("aria-label", `Pause ${spec().label}`);
    const tick = (now) => {
      began ??= now;
      const steps = from + Math.round(((now - began) / PLAY_MS) * last);
      const phase = steps % (2 * last); // a sweep goes up in the first half of its period, down in the second
      const index = mode === "sweep" ? Math.min(phase, 2 * last - phase) : Math.min(last, steps);
      control.wanted = index;
      if (index !== control.index) control.show(index);
      if (mode === "once" && index >= last) {
        control.playing = true; // so that stop() hands the last value over
        return control.stop();
      }
      control.playing = requestAnimationFrame(tick);
    };
    control.playing = requestAnimationFrame(tick);
  });

  // Pointer down anywhere on the plot moves the value to the pointer, and dragging carries it along.
  const nearest = (event) => {
    const axis = chart._fullLayout.xaxis;
    const x = axis.p2d(event.clientX - chart.getBoundingClientRect().left - axis._offset);
    const values = spec().values;
    let best = 0;
    for (let i = 1; i < values.length; i++) if (Math.abs(values[i] - x) < Math.abs(values[best] - x)) best = i;
    return best;
  };
  const onPlot = (event) => {
    const layout = chart._fullLayout;
    if (!layout || !spec().drag || spec().disabled) return false; // a link that locks the control
    const box = chart.getBoundingClientRect();
    const x = event.clientX - box.left - layout.xaxis._offset;
    const y = event.clientY - box.top - layout.yaxis._offset;
    return x >= 0 && x <= layout.xaxis._length && y >= 0 && y <= layout.yaxis._length;
  };
  const grab = (event) => {
    control.stop();
    control.dragging = true;
    try {
      chart.setPointerCapture(event.pointerId); // keep the drag when the pointer leaves the plot
    } catch {} // a pointer the browser no longer knows: the drag still follows it over the plot
    control.choose(nearest(event), false);
  };
  // A finger on a phone may be scrolling the page: it moves the value once it moves sideways, or
  // lifts where it touched (a tap); a vertical swipe stays the browser's (touch-action: pan-y).
  chart.addEventListener(
    "pointerdown",
    (event) => {
      if (event.button !== 0 || !onPlot(event)) return;
      event.preventDefault();
      if (event.pointerType === "touch") control.touch = { x: event.clientX, y: event.clientY };
      else grab(event);
    },
    { capture: true },
  );
  chart.addEventListener("pointermove", (event) => {
    const touch = control.touch;
    if (touch && Math.abs(event.clientX - touch.x) > Math.max(6, Math.abs(event.clientY - touch.y))) {
      control.touch = null;
      grab(event);
    } else if (control.dragging) {
      control.choose(nearest(event), false);
    }
  });
  const release = (event) => {
    const tapped = control.touch && event.type === "pointerup";
    control.touch = null;
    if (tapped) return control.choose(nearest(event), true);
    if (!control.dragging) return;
    control.dragging = false;
    if (event.type === "pointerup") control.choose(nearest(event), true);
    else control.send(true);
  };
  chart.addEventListener("pointerup", release);
  chart.addEventListener("pointercancel", release);

  // When the values lie along the x axis, the range input spans exactly them: its thumb sits under
  // the point it moves.
  control.align = () => {
    const layout = chart._fullLayout;
    if (!layout || !spec().drag) {
      input.style.marginLeft = input.style.flex = input.style.width = "";
      return;
    }
    const values = spec().values;
    const at = (value) => layout.xaxis._offset + layout.xaxis.d2p(value);
    const thumb = 8; // a thumb's centre stops half its width (Chromium's and Firefox's: 16 px) from each end
    const start = at(values[0]) - thumb;
    input.style.marginLeft = `${start - (play.hidden ? 0 : play.offsetWidth + 12)}px`;
    input.style.flex = "none";
    input.style.width = `${at(values[values.length - 1]) - at(values[0]) + 2 * thumb}px`;
  };
  return control;
}

// The ▶ button at rest: "▶ play" runs once, "▶ sweep" to and fro.
function idle(play, spec) {
  const verb = spec.play === "sweep" ? "Sweep" : "Play";
  play.textContent = `▶ ${verb.toLowerCase()}`;
  play.setAttribute("aria-label", `${verb} ${spec.label}`);
}

// After Python's figure is drawn: the control shows Python's value, unless the user's newer choice
// has not reached Python yet, in which case the chart keeps showing the user's.
function syncControl(control, spec) {
  const { play, input } = control;
  control.seq = Math.max(control.seq, spec.answered); // a chart drawn anew, in a session that had moves
  input.max = String(spec.values.length - 1);
  input.setAttribute("aria-label", spec.label);
  play.hidden = !spec.play;
  input.disabled = play.disabled = Boolean(spec.disabled); // the link locks the page's control
  if (!control.playing) idle(play, spec);
  control.chart.style.touchAction = spec.drag && !spec.disabled ? "pan-y" : ""; // a sideways drag moves the value, not the page
  control.readout.hidden = spec.drag; // the point's own label on the plot says the value (and aria-valuetext)
  if (control.behind(spec)) {
    control.align();
    control.show(control.wanted); // Python's figure is behind the user: draw the user's value over it
    return;
  }
  control.align();
  control.wanted = null; // Python's figure shows its own value: the input and readout follow it
  const { labels, prefix } = spec;
  control.index = spec.active;
  input.value = String(spec.active);
  control.readout.textContent = `${prefix}${labels[spec.active]}`;
  input.setAttribute("aria-valuetext", control.readout.textContent);
}

let summaries = 0; // numbers the charts' summaries, for their ids

export async function render({ data, parentElement, setTriggerValue }) {
  let chart = parentElement.querySelector(":scope > .live-chart");
  if (!chart) {
    addStyle();
    chart = document.createElement("div");
    chart.className = "live-chart";
    chart.setAttribute("role", "figure");
    // What it shows now, in a sentence: read as its description, not drawn (the plot says it).
    const summary = Object.assign(document.createElement("p"), { className: "live-chart-summary" });
    summary.id = `live-chart-summary-${++summaries}`;
    chart.setAttribute("aria-describedby", summary.id);
    parentElement.append(chart, summary);
    // The column's width can change without the window's (the sidebar folds): follow the element.
    // It also fires as the chart leaves the page or is hidden, which plotly.js refuses to resize
    // (its promise rejects): only a chart on show is resized, and one gone meanwhile is let be.
    new ResizeObserver(() => {
      if (!chart.layout || !chart.isConnected || chart.offsetParent === null) return;
      window.Plotly.Plots.resize(chart)
        .then(() => chart.__controls?.forEach((control) => control.align()))
        .catch(() => {});
    }).observe(chart);
    followTheme(chart, parentElement);
  }
  if (chart.__revision === data.revision) return; // the same data again: already shown
  if (!update(chart, data, setTriggerValue)) return;
  const figure = chart.__figure;
  const owned = (figure.controls ?? []).map((spec) => [chart.__controls?.get(spec.key), spec]);
  for (const [control, spec] of owned) if (control?.timer && spec.answered >= control.seq) control.send(false); // its turn now
  const behind = owned.some(([control, spec]) => control?.behind(spec));
  if (chart.layout && data.changes && behind && onlyMoves(data.changes, figure)) {
    // A rerun that only moves what the user is moving: the chart already shows the user's value,
    // and redrawing Python's, a step behind, would cost a frame in the middle of a drag.
    chart.dataset.state = "drawn";
    return;
  }
  chart.setAttribute("aria-label", data.label);
  if (data.summary !== undefined) parentElement.querySelector(":scope > .live-chart-summary").textContent = data.summary;
  chart.style.height = `${figure.layout.height}px`; // reserved before plotly.js arrives: no layout shift
  for (const spec of figure.controls ?? []) controlOf(chart, parentElement, setTriggerValue, spec.key); // their rows too
  chart.__latest = data; // a later rerun may overtake this one while plotly.js loads
  chart.dataset.state = "drawing"; // "drawn" once this data is on the screen (tests wait for it)
  try {
    await window.liveChartPlotly; // the loader (ui/charts.py) started loading it
  } catch (error) {
    chart.textContent = `${data.label}: the chart could not be drawn (${error.message}).`;
    return;
  }
  if (chart.__latest !== data) return;
  await draw(chart, parentElement);
  if (chart.__latest === data) chart.dataset.state = "drawn";
}

// The indices of the traces a figure's own controls move.
function movingTraces(figure) {
  const moved = (spec) => (spec.sweep ? Object.values(spec.sweep.traces) : spec.states[0][1]);
  return new Set((figure.controls ?? []).flatMap(moved));
}

// Whether changes touch nothing but the controls and the traces they move.
function onlyMoves(changes, figure) {
  if (!figure.controls || changes.unset.length) return false;
  const moving = movingTraces(figure);
  return changes.set.every(([path]) => path[0] === "controls" || (path[0] === "data" && moving.has(path[1])));
}

// Draws the figure the element holds, in the page's theme as it is now.
async function draw(chart, parentElement) {
  const figure = chart.__figure;
  // Plotly writes what it computes (an axis's domain, a trace's uid) into the objects it is given:
  // it gets copies, so the figure the changes apply to stays the one Python sent. Arrays are shared,
  // so Plotly.react still sees at a glance which ones changed; the few small traces the control
  // restyles are copied whole, as restyle writes into them.
  const template = streamlitTemplate(parentElement);
  chart.__theme = JSON.stringify(template);
  const layout = { ...structuredClone(figure.layout), template: { layout: template } };
  const moving = movingTraces(figure);
  const traces = figure.data.map((trace, i) => (moving.has(i) ? structuredClone(trace) : { ...trace }));
  if (figure.controls) layout.dragmode = false; // the pointer on the plot moves a control
  await window.Plotly.react(chart, {
    data: traces,
    layout,
    frames: figure.frames || [],
    // Only the camera, on hover: the chart saved as a PNG (its data is under it, as CSV).
    config: {
      displayModeBar: "hover",
      modeBarButtons: [["toImage"]],
      displaylogo: false,
      toImageButtonOptions: { filename: chart.__latest?.name ?? "chart", scale: 2 },
      responsive: true,
    },
  });
  if (chart.__figure !== figure) return;
  for (const spec of figure.controls ?? []) syncControl(chart.__controls.get(spec.key), spec);
}

// The theme can change with no rerun (the settings menu, or the system's light or dark): Streamlit
// then gives an ancestor another class. Redraw when the theme the chart was drawn in is not the page's.
function followTheme(chart, parentElement) {
  const observer = new MutationObserver(() => {
    if (chart.layout && JSON.stringify(streamlitTemplate(parentElement)) !== chart.__theme) {
      draw(chart, parentElement);
    }
  });
  for (let element = parentElement; element; element = element.parentElement) {
    observer.observe(element, { attributes: true, attributeFilter: ["class", "style"] });
  }
}
