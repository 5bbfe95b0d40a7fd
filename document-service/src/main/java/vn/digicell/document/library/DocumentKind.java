package vn.digicell.document.library;

/** What a document is, as the party's document registers classify them. */
public enum DocumentKind {
  RESOLUTION,
  DIRECTIVE,
  REGULATION,
  PLAN,
  REPORT,
  STUDY_MATERIAL,
  STORY,
  VIDEO,
  WEB_LINK,
  MINUTES
}
