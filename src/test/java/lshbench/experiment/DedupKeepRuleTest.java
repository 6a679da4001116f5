package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keep rule on real links in a temporary folder: a regular file is kept over a symbolic
 * link, and the names of one file are never offered, or counted, for removal.
 */
class DedupKeepRuleTest {
  @TempDir
  Path dir;

  private final List<DuplicateGroup.Member> members = new ArrayList<>();
  private int removable;

  /** A group member as {@code DedupRunner} reads it: size from the file, link from the name. */
  private void add(String relative, int width) throws IOException {
    Path file = dir.resolve(relative);
    members.add(new DuplicateGroup.Member(members.size(), relative, file, width, width,
        Files.size(file), 100, 0, false, Files.isSymbolicLink(file), null));
  }

  private Path file(String relative, int bytes) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    return Files.write(f, new byte[bytes]);
  }

  private Path link(String relative, Path target) throws IOException {
    Path l = dir.resolve(relative);
    Files.createDirectories(l.getParent());
    return Files.createSymbolicLink(l, l.getParent().relativize(target));
  }

  private Path hardLink(String relative, Path existing) throws IOException {
    Path l = dir.resolve(relative);
    Files.createDirectories(l.getParent());
    return Files.createLink(l, existing);
  }

  /** Arranges the group with every other file at distance 0.05 from the keep file. */
  private Map<String, DuplicateGroup.Member> arrange() {
    List<DuplicateGroup.Member> out = DedupRunner.arrange(members,
        m -> DedupRunner.identity(m.file()), (a, b) -> 0.05);
    DuplicateGroup group = new DuplicateGroup(1, out);
    assertTrue(group.keep().keep() && !group.keep().isAlias(), "keep file first: " + out);
    Map<String, DuplicateGroup.Member> byPath = new HashMap<>();
    out.forEach(m -> byPath.put(m.path(), m));
    removable = group.removable();
    return byPath;
  }

  @Test
  void aLinkAndItsTargetAreOneFileAndTheRegularNameIsKept() throws IOException {
    // the folder: the link sorts first by path, and the old rule kept it
    Path real = file("real/IMG_0001.jpg", 5000);
    link("a_link.jpg", real);
    add("a_link.jpg", 640);
    add("real/IMG_0001.jpg", 640);

    Map<String, DuplicateGroup.Member> g = arrange();
    DuplicateGroup.Member target = g.get("real/IMG_0001.jpg");
    DuplicateGroup.Member alias = g.get("a_link.jpg");
    assertTrue(target.keep());
    assertNull(target.sameFileAs());
    assertTrue(alias.keep(), "deleting every keep=false name must not touch the kept file");
    assertEquals("real/IMG_0001.jpg", alias.sameFileAs());
    assertEquals(0, removable, "one file under two names: nothing to remove");
  }

  @Test
  void hardLinksAreOneFileNeverCountedAsRemovable() throws IOException {
    Path photo = file("2019/photo.jpg", 5000);
    hardLink("backup/photo.jpg", photo);
    Path small = file("whatsapp/photo-small.jpg", 900);
    hardLink("whatsapp/copy-of-small.jpg", small);
    add("2019/photo.jpg", 640);
    add("backup/photo.jpg", 640);
    add("whatsapp/photo-small.jpg", 320);
    add("whatsapp/copy-of-small.jpg", 320);

    Map<String, DuplicateGroup.Member> g = arrange();
    assertTrue(g.get("2019/photo.jpg").keep());
    assertTrue(g.get("backup/photo.jpg").keep());
    assertEquals("2019/photo.jpg", g.get("backup/photo.jpg").sameFileAs());
    assertFalse(g.get("whatsapp/photo-small.jpg").keep());
    assertFalse(g.get("whatsapp/copy-of-small.jpg").keep(), "names of a removable file go together");
    assertEquals("whatsapp/copy-of-small.jpg", g.get("whatsapp/photo-small.jpg").sameFileAs());
    assertEquals(1, removable, "deleting the small photo frees one file, not two");
  }

  @Test
  void aRegularFileIsKeptOverALinkToALargerPhotoElsewhere() throws IOException {
    Path outside = file("elsewhere/original.jpg", 9000);
    link("library/original.jpg", outside);
    file("library/copy.jpg", 3000);
    add("library/original.jpg", 1024);
    add("library/copy.jpg", 640);

    Map<String, DuplicateGroup.Member> g = arrange();
    assertTrue(g.get("library/copy.jpg").keep(), "the only real file in the group stays");
    assertFalse(g.get("library/original.jpg").keep());
    assertNull(g.get("library/original.jpg").sameFileAs());
    assertEquals(1, removable);
  }

  @Test
  void withoutLinksTheRuleIsUnchanged() throws IOException {
    file("a.jpg", 100);
    file("b.jpg", 100);
    file("c.jpg", 200);
    add("a.jpg", 500);
    add("b.jpg", 800);
    add("c.jpg", 500);

    Map<String, DuplicateGroup.Member> g = arrange();
    assertTrue(g.get("b.jpg").keep(), "largest pixel count");
    assertEquals(2, removable);
    assertTrue(g.values().stream().noneMatch(DuplicateGroup.Member::isAlias));
  }
}
