import { profileLine } from '../../../lib/content/profile-line.ts';
import type { ApiHit } from './api-shape.ts';
import { stageBadgeText, treatmentLabel } from './labels.ts';

interface Props {
  hit: ApiHit;
  /** Country code → name. */
  countryNames: Record<string, string>;
  /** Above the fold: load the thumbnail at once. */
  eager: boolean;
}

/** One result: thumbnail, treatment, practitioner, place, distance and the verified stage badge. */
export default function ResultCard({ hit, countryNames, eager }: Props) {
  const badge = stageBadgeText(hit.stage, hit.daysHealed);
  const distance = hit.distanceKm === undefined ? '' : ` · ${hit.distanceKm < 10 ? hit.distanceKm.toFixed(1) : Math.round(hit.distanceKm)} km away`;
  return (
    <li className="result-card" data-case-id={hit.id}>
      {/* The heading link below names the case; this one only enlarges the target, so it is hidden from the tab order and screen readers. */}
      <a href={hit.url} className="result-cover" tabIndex={-1} aria-hidden="true">
        {hit.thumbnail ? (
          <img src={hit.thumbnail} width={400} height={300} alt="" loading={eager ? 'eager' : 'lazy'} decoding="async" />
        ) : (
          <span className="result-nophoto">Photo being prepared</span>
        )}
      </a>
      <div className="result-body">
        <h3>
          <a href={hit.url}>{treatmentLabel(hit.treatment)}</a>
        </h3>
        <p className="muted">
          <a href={`/practitioners/${hit.practitioner.slug}/`}>{hit.practitioner.name}</a> · {hit.city}, {countryNames[hit.country] ?? hit.country}
          {distance}
        </p>
        <p className="result-profile">{profileLine(hit.profile)}</p>
        {hit.clientConfirmed && <p className="result-confirmed">✓ Confirmed by the client</p>}
        <span className={badge.earned ? 'result-badge earned' : 'result-badge'}>
          {badge.earned && <span aria-hidden="true">✓ </span>}
          {badge.text}
        </span>
      </div>
    </li>
  );
}
