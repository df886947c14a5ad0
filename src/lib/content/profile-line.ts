/** What a client profile holds (the published case's, or a search document's). */
export interface ProfileParts {
  norwood?: number;
  ludwig?: string;
  fitzpatrick?: string;
  scarType?: string;
}

const scarWords: Record<string, string> = { fue: 'FUE scar', fut: 'FUT scar', injury: 'injury scar' };

/**
 * The client profile in short, as cards show it: "Norwood 5 · Type III · FUT scar". Pure, and
 * free of server imports, so the search island uses it too.
 */
export function profileLine(profile: ProfileParts): string {
  return [
    profile.norwood !== undefined && `Norwood ${profile.norwood}`,
    profile.ludwig && `Ludwig ${profile.ludwig}`,
    profile.fitzpatrick && `Type ${profile.fitzpatrick}`,
    profile.scarType && (scarWords[profile.scarType] ?? `${profile.scarType} scar`),
  ]
    .filter(Boolean)
    .join(' · ');
}
