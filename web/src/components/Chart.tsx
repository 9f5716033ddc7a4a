import { useEffect, useRef } from 'preact/hooks';
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartDataset,
} from 'chart.js';
import { formatNumber } from '../format';
import { getLang } from '../i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const PALETTE = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037'];

/**
 * Bar chart (Chart.js on a canvas). Chart.js sizes the canvas through the CSSOM, which a
 * `style-src 'self'` policy allows; no style attributes or <style> elements are written.
 * The same figures are always shown in a table next to the chart, for screen readers and print.
 */
export function BarChart(props: {
  title: string; labels: string[]; series: { label: string; data: number[] }[]; stacked?: boolean; horizontal?: boolean;
  testid?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const lang = getLang();
    const datasets: ChartDataset<'bar'>[] = props.series.map((s, i) => ({
      label: s.label, data: s.data, backgroundColor: PALETTE[i % PALETTE.length],
    }));
    chart.current?.destroy();
    // A horizontal chart gets a row per label (no squeezed or skipped names); set through the
    // CSSOM, which the CSP allows (no style attribute is written).
    if (box.current) box.current.style.height = props.horizontal ? `${Math.max(160, 26 * props.labels.length * Math.max(1, props.stacked ? 1 : props.series.length) + 60)}px` : '';
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: props.labels, datasets },
      options: {
        indexAxis: props.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: props.series.length > 1 },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatNumber(Number(c.raw), lang)}` } },
        },
        scales: {
          // Whole-number steps: the tick labels are formatted without decimals.
          x: { stacked: props.stacked, ticks: props.horizontal ? { precision: 0, callback: (v) => formatNumber(Number(v), lang) } : { autoSkip: false, maxRotation: 60, minRotation: 0 } },
          y: { stacked: props.stacked, beginAtZero: true, ticks: props.horizontal ? { autoSkip: false } : { precision: 0, callback: (v) => formatNumber(Number(v), lang) } },
        },
      },
    });
    return () => { chart.current?.destroy(); chart.current = null; };
  }, [JSON.stringify(props)]);
  return (
    <figure class={props.horizontal && props.labels.length > 3 ? 'chart chart-wide' : 'chart'} data-testid={props.testid}>
      <figcaption>{props.title}</figcaption>
      <div class="chart-box" ref={box}>
        <canvas ref={canvas} role="img" aria-label={props.title} />
      </div>
    </figure>
  );
}
