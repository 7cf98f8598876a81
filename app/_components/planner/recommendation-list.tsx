import type { Recommendation, RecommendationThresholds } from "@/lib/analytics/recommendations";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { bandText, buildingText, type PlannerFormat } from "./format";
import styles from "./planner.module.css";

type Text = Dictionary["planner"];
type Fact = { label: string; value: string };

const shareThresholds = new Set<keyof RecommendationThresholds>(["highPressure", "lowSeatFill", "highGhostRate", "targetSeatFill"]);

export function thresholdValueText(name: keyof RecommendationThresholds, value: number, format: PlannerFormat): string {
  return shareThresholds.has(name) ? format.share(value) : format.ratio(value);
}

/** A recommendation in the reader's words: the advice, why, the numbers behind it, and its threshold. */
function describe(rec: Recommendation, t: Text, format: PlannerFormat, suppressedNote: string) {
  const r = t.recommendations;
  const f = r.facts;
  const hours = (value: number) => t.units.hours(format.hours(value));
  const orSuppressed = (value: number | null, write: (v: number) => string) => (value === null ? suppressedNote : write(value));
  switch (rec.kind) {
    case "add-rooms": {
      const x = rec.facts;
      return {
        advice: r.addRooms(x.needed, bandText(x.band, t), buildingText(x.building, t)),
        why: [r.addRoomsWhy(format.share(x.pressure), format.share(x.pressureShare), x.rooms, x.peak)],
        facts: [
          { label: f.pressure, value: f.pressureValue(format.share(x.pressure), hours(x.pressuredHours), hours(x.workingHours)) },
          { label: f.rooms, value: format.integer(x.rooms) },
          { label: f.peak, value: format.integer(x.peak) },
        ] satisfies Fact[],
      };
    }
    case "right-size": {
      const x = rec.facts;
      const facts: Fact[] = [
        { label: f.seats, value: format.integer(x.capacity) },
        { label: f.seatFill, value: format.share(x.seatFill) },
        { label: f.bookings, value: orSuppressed(x.bookings, format.integer) },
        { label: f.suggested, value: format.integer(x.suggestedSeats) },
        { label: f.gained, value: format.integer(x.seatsGained) },
      ];
      if (x.largeMeetingShare !== null) facts.push({ label: f.largeMeetings, value: format.share(x.largeMeetingShare) });
      return {
        advice: r.rightSize(x.room, x.capacity, x.seatsGained),
        why: [r.rightSizeWhy(format.share(x.seatFill), x.suggestedSeats, format.share(x.targetSeatFill))],
        facts,
      };
    }
    case "avoided-room": {
      const x = rec.facts;
      const seats = (value: number | null) => (value === null ? "?" : format.integer(value));
      const peers = x.preferredPeers.map((peer) => {
        const differences = [
          peer.lacks.length > 0 ? r.lacks(peer.lacks.join(", "), x.room) : null,
          peer.floor !== x.floor ? r.otherFloor(peer.floor || "?", x.floor || "?") : null,
          peer.capacity !== x.capacity ? r.otherSeats(seats(peer.capacity), seats(x.capacity)) : null,
        ].filter((d): d is string => d !== null);
        return `${r.preferredPeer(peer.room, format.ratio(peer.preferenceIndex))}: ${differences.length > 0 ? differences.join("; ") : r.sameDirectory}.`;
      });
      return {
        advice: r.avoided(x.room, buildingText(x.building, t)),
        why: [
          r.avoidedWhy(format.ratio(x.preferenceIndex), x.peers, format.share(x.utilisation), orSuppressed(x.peerUtilisation, format.share)),
          ...(peers.length > 0 ? peers : [r.noPreferredPeer]),
        ],
        facts: [
          { label: f.index, value: format.ratio(x.preferenceIndex) },
          { label: f.utilisation, value: format.share(x.utilisation) },
          { label: f.peerUtilisation, value: orSuppressed(x.peerUtilisation, format.share) },
          { label: f.peers, value: format.integer(x.peers) },
        ] satisfies Fact[],
      };
    }
    case "ghosts": {
      const x = rec.facts;
      return {
        advice: r.ghosts(x.rooms.length, hours(x.hoursLost)),
        why: x.rooms.map((room) => r.ghostRoom(room.room, format.share(room.ghostRate), hours(room.hoursLost))),
        facts: [
          { label: f.ghostRooms, value: format.integer(x.rooms.length) },
          { label: f.hoursLost, value: hours(x.hoursLost) },
        ] satisfies Fact[],
      };
    }
  }
}

type ItemProps = { rec: Recommendation; t: Text; format: PlannerFormat; suppressedNote: string; headingLevel?: 3 | 4 };

export function RecommendationItem({ rec, t, format, suppressedNote, headingLevel = 3 }: ItemProps) {
  const { advice, why, facts } = describe(rec, t, format, suppressedNote);
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const threshold = t.recommendations.threshold[rec.threshold.name](thresholdValueText(rec.threshold.name, rec.threshold.value, format));
  return (
    <article className={styles.recommendation} data-testid="recommendation" data-kind={rec.kind}>
      <Heading className={styles.recommendationKind}>{t.labels.recommendationKinds[rec.kind]}</Heading>
      <p className={styles.advice}>{advice}</p>
      {rec.kind === "ghosts" ? (
        <ul className={styles.why}>
          {why.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        why.map((line) => (
          <p key={line} className={styles.why}>
            {line}
          </p>
        ))
      )}
      <dl className={styles.facts} aria-label={t.recommendations.numbers}>
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      <p className={styles.threshold} data-testid="recommendation-threshold">
        {threshold}
      </p>
    </article>
  );
}

type ListProps = { recommendations: Recommendation[]; t: Text; format: PlannerFormat; suppressedNote: string };

export function RecommendationList({ recommendations, t, format, suppressedNote }: ListProps) {
  return (
    <section className="card" aria-labelledby="recommendations-heading" data-testid="recommendations">
      <header className="card__header">
        <h2 id="recommendations-heading">{t.recommendations.heading}</h2>
        <p className="card__sub">{t.recommendations.sub}</p>
      </header>
      {recommendations.length === 0 ? (
        <p className="muted">{t.recommendations.none}</p>
      ) : (
        <ol className={styles.recommendations}>
          {recommendations.map((rec) => (
            <li key={`${rec.kind}:${rec.subject}`}>
              <RecommendationItem rec={rec} t={t} format={format} suppressedNote={suppressedNote} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
