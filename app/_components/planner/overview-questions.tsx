import Link from "next/link";
import type { Recommendation } from "@/lib/analytics/recommendations";
import type { OverviewView } from "@/lib/analytics/views/data";
import { preferenceGroup, rankByPreference } from "@/lib/analytics/views/preference-attributes";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { bandText, buildingText, type PlannerFormat } from "./format";
import styles from "./planner.module.css";
import { RecommendationItem } from "./recommendation-list";
import { viewHref, viewName } from "./view-nav";

type Props = { view: OverviewView; t: Dictionary; format: PlannerFormat };
type Answer = { id: string; question: string; answer: string; top: Recommendation | undefined; link: "demand" | "right-sizing" | "preference" };

const ofKind = <K extends Recommendation["kind"]>(recs: Recommendation[], kind: K) =>
  recs.filter((rec): rec is Extract<Recommendation, { kind: K }> => rec.kind === kind);

/** The three questions of the privacy notice's purposes, each answered with its strongest recommendation. */
export function OverviewQuestions({ view, t, format }: Props) {
  const text = t.planner;
  const q = text.overview;
  const { thresholds } = view;

  // More rooms? The group under the most pressure among those a planner could add rooms to.
  const addRooms = ofKind(view.recommendations, "add-rooms").sort((a, b) => b.facts.pressure - a.facts.pressure);
  const placeable = view.pressure.filter((g) => g.building !== null && g.rooms >= 2 && g.pressure !== null);
  const highest = placeable.sort((a, b) => (b.pressure ?? 0) - (a.pressure ?? 0))[0];
  const moreRooms =
    addRooms.length > 0
      ? q.moreRooms.yes(addRooms.length)
      : highest
        ? `${q.moreRooms.no(format.share(thresholds.highPressure))} ${q.moreRooms.highest(bandText(highest.band, text), buildingText(highest.building, text), format.share(highest.pressure ?? 0))}`
        : q.moreRooms.unknown;

  // Rooms to desks? The room whose conversion frees the most seats.
  const rightSize = ofKind(view.recommendations, "right-size").sort((a, b) => b.facts.seatsGained - a.facts.seatsGained);
  const anyFill = view.seatFill.byRoom.some((room) => room.seatFill !== null);
  const toDesks =
    rightSize.length > 0
      ? q.toDesks.yes(rightSize.length, rightSize.reduce((sum, rec) => sum + rec.facts.seatsGained, 0))
      : anyFill
        ? q.toDesks.no(format.share(thresholds.lowSeatFill))
        : q.toDesks.unknown;

  // Preferred rooms? The top three by index above the threshold, and the most avoided room's advice.
  const ranked = rankByPreference(view.preference);
  const preferredRooms = ranked.filter((room) => preferenceGroup(room, thresholds) === "preferred").slice(0, 3);
  const avoided = ofKind(view.recommendations, "avoided-room").sort((a, b) => a.facts.preferenceIndex - b.facts.preferenceIndex);
  const anyIndex = ranked.some((room) => room.preferenceIndex !== null);
  const preferred = [
    preferredRooms.length > 0
      ? q.preferred.yes(preferredRooms.map((room) => q.preferred.roomIndex(room.name, format.ratio(room.preferenceIndex ?? 0))).join(", "))
      : anyIndex
        ? q.preferred.none(format.ratio(thresholds.preferredIndex))
        : q.preferred.unknown,
    avoided.length > 0 ? q.preferred.avoided(avoided.length) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(" ");

  const answers: Answer[] = [
    { id: "more-rooms", question: q.moreRooms.question, answer: moreRooms, top: addRooms[0], link: "demand" },
    { id: "to-desks", question: q.toDesks.question, answer: toDesks, top: rightSize[0], link: "right-sizing" },
    { id: "preferred", question: q.preferred.question, answer: preferred, top: avoided[0], link: "preference" },
  ];
  const suppressedNote = t.common.suppressedNote(view.minGroupSize);

  return (
    <section className="card" aria-labelledby="questions-heading" data-testid="questions">
      <header className="card__header">
        <h2 id="questions-heading">{q.questionsHeading}</h2>
        <p className="card__sub">{q.questionsSub}</p>
      </header>
      <div className={styles.questions}>
        {answers.map((answer) => (
          <article key={answer.id} className={styles.question} aria-labelledby={`question-${answer.id}`} data-testid={`question-${answer.id}`}>
            <h3 id={`question-${answer.id}`}>{answer.question}</h3>
            <p className={styles.answer}>{answer.answer}</p>
            {answer.top && <RecommendationItem rec={answer.top} t={text} format={format} suppressedNote={suppressedNote} headingLevel={4} />}
            <p>
              <Link href={viewHref(answer.link, view.range, view.filters)} prefetch={false}>
                {q.seeView(viewName(answer.link, text.nav))} →
              </Link>
            </p>
          </article>
        ))}
      </div>
    </section>
  );
}
