package lshbench.data.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks zip, tar and gzipped tar archives, and the archives inside them, until a folder of a
 * given name appears. Formats are recognised by content, never by file name, because download
 * URLs often end in {@code ?download=1} and a collection may hide its images one archive deeper
 * (Caltech101's zip holds {@code 101_ObjectCategories.tar.gz}).
 *
 * <p>Every entry is checked to stay inside the folder it is unpacked into: an archive naming
 * {@code ../evil} or {@code /etc/passwd} ("zip slip") is refused as a whole, since its author
 * either made a mistake or meant harm. Entries that are not files or folders (links, devices)
 * are not created, and each one is reported.
 */
final class ArchiveUnpacker {
  /** What a file's first bytes say it is. */
  enum Format { ZIP, GZIP, TAR, NONE }

  /** Nested archives unpacked at most, so a zip quine or a mislabelled tree cannot loop. */
  static final int MAX_NESTED = 4;

  private final PrintStream log;

  ArchiveUnpacker(PrintStream log) {
    if (log == null) {
      throw new IllegalArgumentException("log must be given");
    }
    this.log = log;
  }

  /** Recognises zip ("PK\3\4"), gzip (1f 8b) and POSIX/GNU tar ("ustar" at byte 257). */
  static Format sniff(Path file) throws IOException {
    byte[] head = new byte[262];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return Format.ZIP;
    }
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Format.GZIP;
    }
    if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
      return Format.TAR;
    }
    return Format.NONE;
  }

  /**
   * Unpacks {@code archive} into the empty folder {@code work}, then the archives found inside
   * (those named like {@code folder} first), until a folder named {@code folder} exists.
   *
   * @return the shallowest such folder, somewhere under {@code work}
   * @throws IOException naming the archive and the problem, in one line
   */
  Path unpackUntilFound(Path archive, Path work, String folder) throws IOException {
    Set<Path> done = new HashSet<>();
    unpack(archive, work.resolve("unpacked"));
    done.add(archive);
    for (int nested = 0; ; nested++) {
      Optional<Path> found = findFolder(work, folder);
      if (found.isPresent()) {
        return found.get();
      }
      Deque<Path> candidates = nestedArchives(work, folder, done);
      if (candidates.isEmpty()) {
        throw new IOException(archive.getFileName() + " holds no folder named '" + folder
            + "' (it holds: " + topLevel(work.resolve("unpacked")) + ")");
      }
      if (nested == MAX_NESTED) {
        throw new IOException("no folder named '" + folder + "' after unpacking " + MAX_NESTED
            + " nested archives of " + archive.getFileName() + "; giving up");
      }
      Path inner = candidates.removeFirst();
      log.println("unpacking nested archive " + work.relativize(inner));
      unpack(inner, inner.resolveSibling(inner.getFileName() + ".unpacked"));
      done.add(inner);
    }
  }

  /** Unpacks one archive (one level) into {@code into}, which is created. */
  void unpack(Path archive, Path into) throws IOException {
    Format format = sniff(archive);
    Files.createDirectories(into);
    Path root = into.toAbsolutePath().normalize();
    String name = archive.getFileName().toString();
    switch (format) {
      case ZIP:
        unzip(archive, root, name);
        break;
      case GZIP:
        try (InputStream in = new GzipCompressorInputStream(
            new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
          untar(in, root, name);
        }
        break;
      case TAR:
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
          untar(in, root, name);
        }
        break;
      default:
        throw new IOException(name + " is not a zip, tar or tar.gz archive (unknown content)");
    }
  }

  private void unzip(Path archive, Path root, String name) throws IOException {
    int files = 0;
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = inside(root, entry.getName(), name);
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        files++;
      }
    } catch (ZipException e) {
      throw new IOException(name + " is a damaged zip archive: " + e.getMessage(), e);
    }
    log.println("unpacked " + name + ": " + files + " files");
  }

  private void untar(InputStream raw, Path root, String name) throws IOException {
    int files = 0;
    int skipped = 0;
    TarArchiveInputStream tar = new TarArchiveInputStream(raw);
    for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
      Path out = inside(root, entry.getName(), name);
      if (entry.isDirectory()) {
        Files.createDirectories(out);
      } else if (entry.isFile() && !entry.isLink()) {
        Files.createDirectories(out.getParent());
        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
        files++;
      } else {
        skipped++;
        log.println("not unpacked from " + name + ": " + kind(entry) + " '" + entry.getName()
            + "'" + (entry.getLinkName().isEmpty() ? "" : " -> '" + entry.getLinkName() + "'"));
      }
    }
    log.println("unpacked " + name + ": " + files + " files"
        + (skipped == 0 ? "" : ", " + skipped + " links or special entries not unpacked"));
  }

  private static String kind(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return "symbolic link";
    }
    if (e.isLink()) {
      return "hard link";
    }
    if (e.isCharacterDevice() || e.isBlockDevice()) {
      return "device";
    }
    if (e.isFIFO()) {
      return "fifo";
    }
    return "special entry";
  }

  /** {@code root/name}, refused when it would leave {@code root} (zip slip). */
  static Path inside(Path root, String entryName, String archiveName) throws IOException {
    Path out;
    try {
      out = root.resolve(entryName).normalize();
    } catch (InvalidPathException e) {
      throw new IOException("refusing entry '" + entryName + "' of " + archiveName
          + ": not a valid path here", e);
    }
    if (!out.startsWith(root) || (out.equals(root) && !entryName.endsWith("/"))) {
      throw new IOException("refusing entry '" + entryName + "' of " + archiveName
          + ": its path leaves the unpack folder (zip slip); nothing was installed");
    }
    return out;
  }

  /** The shallowest folder named {@code folder} under {@code work}. */
  private static Optional<Path> findFolder(Path work, String folder) throws IOException {
    try (Stream<Path> all = Files.walk(work)) {
      return all.filter(p -> p.getFileName().toString().equals(folder) && Files.isDirectory(p))
          .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
    }
  }

  /** Archives under {@code work} not yet unpacked, those named like {@code folder} first. */
  private static Deque<Path> nestedArchives(Path work, String folder, Set<Path> done)
      throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(work)) {
      files = all.filter(Files::isRegularFile).filter(p -> !done.contains(p))
          .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().startsWith(folder))
              .thenComparingInt(Path::getNameCount).thenComparing(Path::toString))
          .collect(Collectors.toList());
    }
    Deque<Path> archives = new ArrayDeque<>();
    for (Path f : files) {
      if (sniff(f) != Format.NONE) {
        archives.add(f);
      }
    }
    return archives;
  }

  private static String topLevel(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.sorted().limit(10).forEach(p -> names.add(p.getFileName()
          + (Files.isDirectory(p) ? "/" : "")));
    }
    return names.isEmpty() ? "nothing" : String.join(", ", names);
  }
}
