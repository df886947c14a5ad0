import type { Stage, View } from '../content/vocabulary.ts';
import { stageOf } from '../trust/index.ts';
import { viewLabels } from './cases.ts';
import { demoAnchorDay, formatDay, parseDay, type Day } from './days.ts';
import type { Random } from './random.ts';
import type { DemoCase, DemoPhoto, DemoSet } from './types.ts';

/** Share of cases that come back for check-ups and a touch-up over several years. */
export const followUpShare = 0.3;
/** Share of cases their client confirmed through their link. */
export const confirmedShare = 0.25;
/** The demo accounts' practitioners: each has a case with follow-ups, confirmed by its client, and others not. */
const personas = ['ana-ribeiro', 'ben-carter'];

const asDate = (day: Day) => new Date(`${formatDay(day)}T00:00:00Z`);

/**
 * Grows some demo cases over the years and has some confirmed by their clients. Runs after the
 * cases are generated and their evidence levels spread, on streams of its own (one per case), so
 * every other case and photo stays exactly as it was. A case with follow-ups is moved back in time
 * so that its check-ups reach 3–5 years after its last session: a check-up about two years on, a
 * touch-up session, a photo 2–4 months after it, and a latest one up to the anchor day.
 */
export function addFollowUpsAndConfirmations(set: DemoSet, random: Random): void {
  for (const practitioner of set.practitioners) {
    practitioner.cases.forEach((demoCase, index) => {
      const r = random.fork(`case/${demoCase.id}`);
      const persona = personas.includes(practitioner.slug);
      const growing = persona ? index === 0 : r.chance(followUpShare);
      const confirmed = persona ? index === 0 : r.chance(confirmedShare);
      if (growing) addFollowUps(demoCase, r, persona);
      if (confirmed) confirm(demoCase, r);
    });
  }
}

function addFollowUps(demoCase: DemoCase, r: Random, clientPhoto: boolean): void {
  const { data } = demoCase;
  const last = parseDay(data.sessions.at(-1)!);
  // Offsets from the last session: a check-up about two years on (after publication), a touch-up
  // later, a photo 2–4 months after it, and the latest 3–5 years after the treatment.
  const published = parseDay(data.publishedAt) - last;
  const checkUp = Math.max(r.int(700, 800), published + r.int(10, 40));
  const touchUp = Math.max(r.int(900, 1000), checkUp + r.int(60, 120));
  const afterTouchUp = touchUp + r.int(60, 120);
  const latestPhoto = Math.max(r.int(3 * 365, 5 * 365), afterTouchUp + r.int(150, 300));
  // Moved back in time, so the latest photo is taken before the anchor day.
  const shift = Math.min(0, demoAnchorDay - r.int(5, 40) - (last + latestPhoto));
  const move = (text: string) => formatDay(parseDay(text) + shift);
  data.sessions = data.sessions.map(move);
  data.consent = { ...data.consent, recordedAt: move(data.consent.recordedAt) };
  data.publishedAt = move(data.publishedAt);
  for (const photo of demoCase.photos) photo.entry.capturedAt = move(photo.entry.capturedAt);

  const newLast = last + shift;
  const days = [checkUp, afterTouchUp, latestPhoto].map((offset) => newLast + offset);
  const touchUpDay = newLast + touchUp;
  data.touchUps = [formatDay(touchUpDay)];
  data.notes = `${data.notes} Touch-up on ${formatDay(touchUpDay)} to refresh the density, ${Math.round(touchUp / 365)} years after the treatment.`;

  const [first] = demoCase.photos.filter((p) => p.image.stage !== 'before');
  const view: View = first?.entry.view ?? demoCase.photos[0]!.entry.view;
  const client = /\(([^)]*)\)$/.exec(first?.entry.alt ?? '')?.[1];
  const dates = { sessions: data.sessions.map((s) => asDate(parseDay(s))), touchUps: [asDate(touchUpDay)] };
  const added = days.map((day, i): DemoPhoto => {
    const stage: Stage = stageOf(asDate(day), dates.sessions, dates.touchUps);
    const since = day >= touchUpDay ? `${day - touchUpDay} days after a touch-up session` : `${day - newLast} days after the last session`;
    const byClient = clientPhoto && i === days.length - 1;
    return {
      entry: {
        file: `${String(demoCase.photos.length + i + 1).padStart(2, '0')}-${stage}-${view}.jpg`,
        view,
        capturedAt: formatDay(day),
        evidence: { level: 'camera-original' },
        ...(first?.entry.lighting ? { lighting: first.entry.lighting } : {}),
        alt: `${viewLabels[view]}, ${since}${client ? ` (${client})` : ''}${byClient ? ', taken by the client' : ''}`,
        ...(stage === 'healed' || stage === 'long-term' ? { claimedStage: stage } : {}),
        ...(byClient ? { addedBy: 'client' as const } : {}),
      },
      image: { seed: r.uint32(), stage, view, fitzpatrick: data.profile.fitzpatrick },
      followUp: true,
    };
  });
  demoCase.photos.push(...added);
}

/** The client confirmed some days after the case (or its latest follow-up), never after the anchor. */
function confirm(demoCase: DemoCase, r: Random): void {
  const latest = Math.max(parseDay(demoCase.data.publishedAt), ...demoCase.photos.map((p) => parseDay(p.entry.capturedAt)));
  const byClient = demoCase.photos.find((p) => p.entry.addedBy === 'client');
  // A client who sent their own photo confirmed on the day they sent it.
  const day = byClient ? parseDay(byClient.entry.capturedAt) : Math.min(demoAnchorDay, latest + r.int(2, 30));
  demoCase.data.clientConfirmation = { confirmedAt: formatDay(day) };
}
