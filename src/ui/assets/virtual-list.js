// A scrolling list that renders only the rows in view (plus a margin), so 25,000 rows cost what
// 50 do. Row heights come from `heightOf(i)`; offsets are prefix sums, found by binary search.
import { h } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);
const OVERSCAN_PX = 400;

function offsetsOf(count, heightOf) {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i += 1) offsets[i + 1] = offsets[i] + heightOf(i);
  return offsets;
}

function firstAtOrAfter(offsets, y) {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid + 1] <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * props: count, heightOf(i), renderRow(i, style), version (changes when heights change),
 * label (accessible name), className, maxHeight (CSS), role
 */
export function VirtualList({
  count,
  heightOf,
  renderRow,
  version,
  label,
  className = '',
  maxHeight = '70vh',
  role = 'list',
  scrollTo,
}) {
  const box = useRef(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const offsets = useMemo(() => offsetsOf(count, heightOf), [count, version]);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const measure = () => setViewHeight(element.clientHeight || 600);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (scrollTo !== undefined && box.current && scrollTo < count) box.current.scrollTop = offsets[scrollTo];
  }, [scrollTo]);
  const first = firstAtOrAfter(offsets, Math.max(0, scrollTop - OVERSCAN_PX));
  const rows = [];
  for (let i = first; i < count && offsets[i] < scrollTop + viewHeight + OVERSCAN_PX; i += 1) {
    rows.push(
      renderRow(i, `position:absolute;left:0;right:0;top:${offsets[i]}px;height:${offsets[i + 1] - offsets[i]}px`),
    );
  }
  return html`<div
    class="virtual ${className}"
    ref=${box}
    style=${`max-height:${maxHeight}`}
    role=${role}
    aria-label=${label}
    aria-rowcount=${role === 'table' ? count : undefined}
    onScroll=${(e) => setScrollTop(e.currentTarget.scrollTop)}
    tabindex="0"
  >
    <div class="virtual-space" style=${`height:${offsets[count]}px`}>${rows}</div>
  </div>`;
}
