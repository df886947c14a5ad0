/** One row of a case timeline: a session (a touch-up added by a follow-up included), or a photo. */
export type TimelineItem<P> =
  | { kind: 'session'; date: Date; number: number; touchUp: boolean }
  | { kind: 'photo'; date: Date; photo: P };

/** Sessions, touch-ups and photos merged in date order; on the same day the session comes first. */
export function timelineOf<P extends { capturedAt: Date }>(sessions: readonly Date[], photos: readonly P[], touchUps: readonly Date[] = []): TimelineItem<P>[] {
  const ordered = [...sessions].sort((a, b) => a.getTime() - b.getTime());
  const items: TimelineItem<P>[] = [
    ...ordered.map((date, i) => ({ kind: 'session' as const, date, number: i + 1, touchUp: false })),
    ...[...touchUps].sort((a, b) => a.getTime() - b.getTime()).map((date, i) => ({ kind: 'session' as const, date, number: i + 1, touchUp: true })),
    ...photos.map((photo) => ({ kind: 'photo' as const, date: photo.capturedAt, photo })),
  ];
  return items.sort((a, b) => a.date.getTime() - b.date.getTime() || (a.kind === 'session' ? -1 : 1));
}
