package lshbench.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * One group of near-duplicates as the finder reports it: the suggested keep image first, then
 * the others by distance to it.
 *
 * @param id 1-based, in order of the group's first file in the listing
 * @param members keep image first
 */
public record DuplicateGroup(int id, List<Member> members) {
  public DuplicateGroup {
    members = List.copyOf(members);
    if (members.size() < 2 || !members.get(0).keep()) {
      throw new IllegalArgumentException("a group needs two or more members, keep image first");
    }
  }

  public Member keep() {
    return members.get(0);
  }

  /** Files that could go: members not kept, each file once however many names it has. */
  public int removable() {
    return (int) members.stream().filter(m -> !m.keep() && m.sameFileAs() == null).count();
  }

  /**
   * One image of a group.
   *
   * @param row dataset row
   * @param path relative to the searched folder, forward slashes
   * @param file the file itself
   * @param width pixels, 0 when the file could no longer be decoded
   * @param height pixels, 0 when the file could no longer be decoded
   * @param bytes file size
   * @param sharpness variance of the Laplacian of the luma (higher is crisper)
   * @param distanceToKeep cosine distance to the group's keep image (0 for the keep image)
   * @param keep whether this is the image the rule suggests keeping (every name of that file
   *     is marked, so that removing the unmarked names never removes the kept file)
   * @param link whether this name is a symbolic link
   * @param sameFileAs when this is a second name of another member's file (a symbolic link to
   *     it, a hard link of it, or its link target), that member's path; otherwise null
   * @param check the geometric check of the keep image against this one (keep image first),
   *     null for the keep image, its other names and runs without verification
   * @param reason why this file is kept (keep image) or why the keep image was preferred to it
   */
  public record Member(int row, String path, Path file, int width, int height, long bytes,
      double sharpness, double distanceToKeep, boolean keep, boolean link, String sameFileAs,
      lshbench.features.Verification check, String reason) {
    /** A member before the keep rule has run: no check, no reason yet. */
    public Member(int row, String path, Path file, int width, int height, long bytes,
        double sharpness, double distanceToKeep, boolean keep, boolean link, String sameFileAs) {
      this(row, path, file, width, height, bytes, sharpness, distanceToKeep, keep, link,
          sameFileAs, null, "");
    }

    public long pixels() {
      return (long) width * height;
    }

    /** Whether this is only another name of a member listed before it. */
    public boolean isAlias() {
      return sameFileAs != null;
    }
  }
}
