/**
 * Programs that change pixels, as they name themselves in EXIF Software / XMP CreatorTool. Camera
 * firmware writes Software too ("HDR+ 1.0", "iOS 17.4", "G998BXXU…"), so only known editors count:
 * an unknown name is not a sign of editing.
 */
const editors: [RegExp, string][] = [
  [/photoshop/i, 'Adobe Photoshop'],
  [/lightroom/i, 'Adobe Lightroom'],
  [/adobe\s+express|adobe\s+spark/i, 'Adobe Express'],
  [/snapseed/i, 'Snapseed'],
  [/facetune/i, 'Facetune'],
  [/meitu/i, 'Meitu'],
  [/picsart/i, 'PicsArt'],
  [/\bgimp\b/i, 'GIMP'],
  [/affinity\s*photo/i, 'Affinity Photo'],
  [/pixelmator/i, 'Pixelmator'],
  [/luminar/i, 'Luminar'],
  [/capture\s*one/i, 'Capture One'],
  [/\bvsco\b/i, 'VSCO'],
  [/canva/i, 'Canva'],
  [/faceapp/i, 'FaceApp'],
  [/airbrush/i, 'AirBrush'],
  [/youcam/i, 'YouCam'],
  [/beautyplus/i, 'BeautyPlus'],
  [/remini/i, 'Remini'],
  [/lensa/i, 'Lensa'],
  [/photoroom/i, 'PhotoRoom'],
  [/fotor/i, 'Fotor'],
  [/photodirector/i, 'PhotoDirector'],
  [/darktable/i, 'darktable'],
  [/rawtherapee/i, 'RawTherapee'],
  [/paint\.net/i, 'Paint.NET'],
  [/photopea/i, 'Photopea'],
  [/polarr/i, 'Polarr'],
];

/** The editor a software name belongs to, e.g. "Adobe Photoshop 24.1 (Macintosh)" → "Adobe Photoshop". */
export function editorNamed(software: string): string | undefined {
  return editors.find(([pattern]) => pattern.test(software))?.[1];
}

/**
 * C2PA actions that change what the picture shows. Opening, re-encoding, resizing and publishing
 * do not (`c2pa.opened`, `c2pa.transcoded`, `c2pa.resized`, `c2pa.published`…).
 */
export const editActions: ReadonlySet<string> = new Set([
  'c2pa.edited', 'c2pa.color_adjustments', 'c2pa.drawing', 'c2pa.cropped', 'c2pa.filtered', 'c2pa.placed', 'c2pa.removed',
]);

/** IPTC digital source types that mean generative AI made or changed the picture. */
export function isGenerativeSource(uri: string | undefined): boolean {
  return /(?:^|\/)(?:trainedAlgorithmicMedia|compositeWithTrainedAlgorithmicMedia)$/.test(uri ?? '');
}

/** The IPTC digital source type of a camera capture. */
export function isCaptureSource(uri: string | undefined): boolean {
  return /(?:^|\/)digitalCapture$/.test(uri ?? '');
}
