import { facetOptions } from './facets.ts';

interface Props {
  /** Field name, sent as the parameter name. */
  name: string;
  legend: string;
  counts: Record<string, number>;
  ticked: readonly string[];
  /** Values always listed, in this order (treatments, skin types); else the counted ones. */
  known?: readonly string[];
  label: (value: string) => string;
  /** Options shown before the rest fold into "More…". */
  visible?: number;
  onToggle: (value: string, checked: boolean) => void;
}

/** A facet as a fieldset of checkboxes with counts; long lists fold away in a <details>. */
export default function FacetFieldset({ name, legend, counts, ticked, known, label, visible = Infinity, onToggle }: Props) {
  const options = facetOptions(counts, ticked, known);
  if (options.length === 0) return null;
  // Ticked boxes always stay in view, whatever their count.
  const shown = options.filter((o, i) => i < visible || ticked.includes(o.value));
  const folded = options.filter((o) => !shown.includes(o));
  const box = (o: { value: string; count: number }) => (
    <label key={o.value} className="check">
      <input type="checkbox" name={name} value={o.value} checked={ticked.includes(o.value)} onChange={(event) => onToggle(o.value, event.currentTarget.checked)} />
      <span>{label(o.value)}</span> <span className="count">({o.count.toLocaleString('en')})</span>
    </label>
  );
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      {shown.map(box)}
      {folded.length > 0 && (
        <details>
          <summary>More ({folded.length})</summary>
          {folded.map(box)}
        </details>
      )}
    </fieldset>
  );
}
