package vn.digicell.document.library;

/** Who may see a document. */
public enum Visibility {
  /** Anyone signed in. */
  PUBLIC,
  /** Members acting anywhere in the document's org subtree, and those acting above it. */
  SUBTREE,
  /** Only committee members (and org admins) acting for the document's org. */
  COMMITTEE_ONLY
}
