import { useId } from "react";
import { useTranslation } from "react-i18next";

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 640;
const LABEL_WIDTH = 280;
const VALUE_WIDTH = 48;
const ROW = 32;
const BAR = 20;
const MAX_LABEL = 30;

function shorten(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/**
 * A horizontal bar chart drawn on the server as SVG (no chart library, no script), followed by
 * the same figures as a table: the table is what screen readers and spreadsheets use.
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const { t } = useTranslation("referrals");
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = Math.max(ROW, bars.length * ROW);
  const scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / max;
  return (
    <figure className="bar-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="hint">{t("reports.noData")}</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${WIDTH} ${height}`}
            width="100%"
            role="img"
            aria-label={t("reports.chartAlt", { title })}
            aria-describedby={`${id}-table`}
            className="bar-chart__svg"
          >
            {bars.map((bar, index) => {
              const y = index * ROW;
              const width = Math.max(bar.value > 0 ? 2 : 0, bar.value * scale);
              return (
                <g key={bar.key}>
                  <title>{`${bar.label}: ${bar.value}`}</title>
                  <text
                    x={LABEL_WIDTH - 8}
                    y={y + ROW / 2}
                    textAnchor="end"
                    dominantBaseline="middle"
                    className="bar-chart__label"
                  >
                    {shorten(bar.label)}
                  </text>
                  <rect
                    x={LABEL_WIDTH}
                    y={y + (ROW - BAR) / 2}
                    width={width}
                    height={BAR}
                    rx={2}
                    className="bar-chart__bar"
                  />
                  <text
                    x={LABEL_WIDTH + width + 6}
                    y={y + ROW / 2}
                    dominantBaseline="middle"
                    className="bar-chart__value"
                  >
                    {bar.value}
                  </text>
                </g>
              );
            })}
          </svg>
          <details className="bar-chart__data">
            <summary>{t("reports.showTable")}</summary>
            <table id={`${id}-table`}>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.tableLabel")}</th>
                  <th scope="col">{t("reports.tableCount")}</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((bar) => (
                  <tr key={bar.key}>
                    <th scope="row">{bar.label}</th>
                    <td>{bar.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
