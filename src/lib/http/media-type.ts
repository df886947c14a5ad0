/** The request's media type, lower-cased, without parameters (`multipart/form-data`), or '' when absent. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether the body is an HTML form post (the pages that work without JavaScript). */
export function isFormPost(request: Request): boolean {
  const type = mediaType(request);
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}
