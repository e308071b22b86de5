package org.omnisila.annotator.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.annotator.project.Item;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.VideoFormatException;
import org.omnisila.engine.video.VideoMetadata;

/**
 * Writes each exported item's media into the export folder ({@code media/item-ID.mp4} or
 * {@code media/item-ID/0.jpg} ...) and says what its entries refer to. Items come video by video: one source is
 * open at a time.
 */
final class MediaWriter implements AutoCloseable {

    /** The media folder inside the export. */
    static final String FOLDER = "media";

    private final MediaMode mode;
    private final ImageFormat format;
    private final double context;
    private final Path exportDir;
    private FrameReader reader;
    private String readerPath;

    MediaWriter(MediaMode mode, ImageFormat format, double context, Path exportDir) {
        this.mode = mode;
        this.format = format;
        this.context = context;
        this.exportDir = exportDir;
    }

    /**
     * @throws ExportException when the item's video cannot be read (missing: relink the project)
     */
    ExportedMedia write(Item item) {
        if (mode == MediaMode.NONE) {
            return new ExportedMedia(item.videoPath(), List.of(), null);
        }
        FrameReader source = open(item.videoPath());
        VideoMetadata meta = source.metadata();
        MediaWindow window = MediaWindow.around(item.start(), item.end(), context, meta.duration(),
                meta.frameInterval());
        String name = "item-" + item.id();
        try {
            if (mode == MediaMode.CLIPS) {
                String relative = FOLDER + "/" + name + ".mp4";
                ClipWriter.write(source, meta.fps(), window, exportDir.resolve(relative));
                return new ExportedMedia(relative, List.of(), window);
            }
            String folder = FOLDER + "/" + name;
            Path dir = Files.createDirectories(exportDir.resolve(folder));
            List<String> frames = new ArrayList<>();
            for (Path file : FrameImages.write(source, window, format, dir)) {
                frames.add(folder + "/" + file.getFileName());
            }
            return new ExportedMedia(folder, frames, window);
        } catch (IOException e) {
            throw new ExportException("cannot write the media of item " + item.id() + " (" + item.videoPath()
                    + " from " + window.start() + " s to " + window.end() + " s): " + e.getMessage(), e);
        }
    }

    private FrameReader open(String path) {
        if (path.equals(readerPath)) {
            return reader;
        }
        close();
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new ExportException("the video " + path + " is not there, so its items' media cannot be cut;"
                    + " point the project at the folder where it is now (relink), or export with media none");
        }
        try {
            reader = FrameReader.open(file);
        } catch (VideoFormatException e) {
            throw new ExportException("cannot cut media from " + e.getMessage(), e);
        }
        readerPath = path;
        return reader;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
            readerPath = null;
        }
    }
}
