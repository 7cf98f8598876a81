import type { Settings } from "@/db/schema";
import { recommendationThresholds } from "@/lib/analytics/recommendations";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { Formatters } from "@/lib/i18n/format";
import { effectiveThresholds, thresholdNames, thresholdRanges, type ThresholdName } from "@/lib/settings-thresholds";

type Props = {
  action: (formData: FormData) => Promise<void>;
  overrides: Settings["recommendationThresholds"];
  /** `?savedThresholds=n` and `?invalidThresholds=a,b` from the action's redirect. */
  saved: string | undefined;
  invalid: string | undefined;
  t: Dictionary["thresholdsAdmin"];
  format: Formatters;
};

/** Shares are edited as percentages (10 for 10 %), indexes as plain ratios, as people say them. */
const isShare = (name: ThresholdName) => thresholdRanges[name].kind === "share";
const toField = (name: ThresholdName, value: number) => (isShare(name) ? String(Math.round(value * 10_000) / 100) : String(value));

export function ThresholdsForm({ action, overrides, saved, invalid, t, format }: Props) {
  const current = effectiveThresholds(overrides);
  const refused = (invalid ?? "").split(",").filter((name): name is ThresholdName => (thresholdNames as string[]).includes(name));
  const shown = (name: ThresholdName, value: number) => (isShare(name) ? format.percent(value) : String(value));
  // The one rule across two fields (lib/settings-thresholds.ts reports it as "targetAboveLow").
  const targetBelowLow = (invalid ?? "").split(",").includes("targetAboveLow");
  const savedCount = Number(saved);
  return (
    <section className="card" id="thresholds" aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">{t.heading}</h2>
      <p className="muted">{t.intro}</p>
      {(refused.length > 0 || targetBelowLow) && (
        <p className="notice" role="alert">
          {t.notSaved}{" "}
          {refused.map((name) => t.invalid(t.labels[name], shown(name, thresholdRanges[name].min), shown(name, thresholdRanges[name].max))).join(" ")}
          {targetBelowLow && ` ${t.targetAboveLow}`}
        </p>
      )}
      {saved !== undefined && Number.isInteger(savedCount) && (
        <p className="notice" role="status">
          {savedCount === 0 ? t.nothingChanged : t.saved(savedCount)}
        </p>
      )}
      <form action={action} data-testid="thresholds-form">
        {thresholdNames.map((name) => {
          const { min, max } = thresholdRanges[name];
          const scale = isShare(name) ? 100 : 1;
          return (
            <div className="form-row" key={name}>
              <label htmlFor={`threshold-${name}`}>{t.labels[name]}</label>
              <input
                id={`threshold-${name}`}
                name={name}
                type="number"
                inputMode="decimal"
                step="any"
                min={min * scale}
                max={max * scale}
                defaultValue={toField(name, current[name])}
                required
                aria-invalid={refused.includes(name) || undefined}
                aria-describedby={`threshold-${name}-hint`}
              />
              <span className="hint" id={`threshold-${name}-hint`}>
                {t.range(shown(name, min), shown(name, max))} {t.default(shown(name, recommendationThresholds[name]))}
              </span>
            </div>
          );
        })}
        <button type="submit" className="button button--primary">
          {t.save}
        </button>
      </form>
    </section>
  );
}
