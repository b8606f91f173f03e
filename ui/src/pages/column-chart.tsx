// One column of two profiles overlaid: numeric columns as density steps on one axis,
// categorical ones as grouped bars of shares. Drawn by Chart.js on a canvas whose label
// says what it shows; the numbers are in the table beside it.
import { useEffect, useRef } from "preact/hooks";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { density, shares, type ColumnProfile } from "../profiles";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const COLORS = { reference: "#1f5fbf", current: "#c2410c" };

export function ColumnChart({ reference, current, names }: { reference?: ColumnProfile; current?: ColumnProfile; names: [string, string] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const numeric = reference?.numeric ?? current?.numeric;
    const chart = numeric
      ? new Chart(canvas.current!, {
          type: "line",
          data: {
            datasets: [reference, current].flatMap((c, i) =>
              c?.numeric
                ? [{ label: names[i], data: density(c.numeric.histogram), stepped: "before" as const, borderColor: i ? COLORS.current : COLORS.reference, pointRadius: 0, borderWidth: 2 }]
                : [],
            ),
          },
          options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { type: "linear" }, y: { title: { display: true, text: "share per unit" } } } },
        })
      : new Chart(canvas.current!, {
          type: "bar",
          data: (() => {
            const s = shares(reference?.values, current?.values);
            return {
              labels: s.labels,
              datasets: [
                { label: names[0], data: s.ref, backgroundColor: COLORS.reference },
                { label: names[1], data: s.cur, backgroundColor: COLORS.current },
              ],
            };
          })(),
          options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { title: { display: true, text: "share of rows" } } } },
        });
    return () => chart.destroy();
  }, [reference, current]);
  const name = reference?.name ?? current?.name ?? "";
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={`Distribution of ${name} in ${names[0]} and in ${names[1]}`} />
    </div>
  );
}
