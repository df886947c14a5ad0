/** Public face of profile editing: practitioners change their own public profile, live at once. */
export { createProfileService, type ProfileService, type ProfileServiceDeps } from './service.ts';
export { profileInputSchema, type ProfileInput } from './schema.ts';
export { profilePlaces, placeKey, findPlace, type ProfilePlace } from './places.ts';
