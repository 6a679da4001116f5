package lshbench.data.images;

import java.nio.file.Path;

/**
 * One image file that passed the content check, with what a cache key needs to notice that it
 * changed (size and modification time, cheaper than hashing every image on every run).
 *
 * @param file the file to decode
 * @param relative the path below the root with forward slashes; the item id in datasets
 * @param label index into {@link ImageListing#categories()}
 * @param format what the first bytes say the file is
 */
public record ImageItem(Path file, String relative, int label, long size, long modifiedMillis,
    ImageFormat format) {}
