package org.omnisila.annotator.generate;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;

/**
 * The frames of a segment as the endpoint receives them: each scaled down so that its long side is at most a
 * limit (never up), JPEG-encoded and written as a {@code data:image/jpeg;base64,...} URI, in the segment's order.
 */
public final class FrameImages {

    /** The default limit of the long side, pixels. */
    public static final int DEFAULT_MAX_SIDE = 512;
    /** JPEG quality, 0..1: small files, artefacts a model does not mind. */
    static final float QUALITY = 0.85f;
    private static final String PREFIX = "data:image/jpeg;base64,";

    private final int maxSide;

    /** @param maxSide the longest side an image may have, pixels; &gt;= 16 */
    public FrameImages(int maxSide) {
        if (maxSide < 16) {
            throw new IllegalArgumentException("the longest image side must be at least 16 pixels but was "
                    + maxSide);
        }
        this.maxSide = maxSide;
    }

    /** The longest side an image may have, pixels. */
    public int maxSide() {
        return maxSide;
    }

    /** The frames as data URIs, in order. */
    public List<String> dataUris(List<SampledFrame> frames) {
        List<String> uris = new ArrayList<>(frames.size());
        for (SampledFrame frame : frames) {
            uris.add(dataUri(frame.image()));
        }
        return uris;
    }

    /** One frame, scaled and encoded. */
    public String dataUri(RgbImage image) {
        return PREFIX + Base64.getEncoder().encodeToString(jpeg(scaled(toBufferedImage(image))));
    }

    /**
     * The bytes of a data URI this class wrote.
     *
     * @throws IllegalArgumentException when it is not a base64 JPEG data URI
     */
    public static byte[] decode(String dataUri) {
        if (dataUri == null || !dataUri.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a JPEG data URI: it does not start with " + PREFIX);
        }
        return Base64.getDecoder().decode(dataUri.substring(PREFIX.length()));
    }

    /** The size an image of this size is scaled to: the long side at most {@link #maxSide()}, aspect kept. */
    int[] scaledSize(int width, int height) {
        int longSide = Math.max(width, height);
        if (longSide <= maxSide) {
            return new int[] {width, height};
        }
        double f = (double) maxSide / longSide;
        return new int[] {Math.max(1, (int) Math.round(width * f)), Math.max(1, (int) Math.round(height * f))};
    }

    private BufferedImage scaled(BufferedImage image) {
        int[] size = scaledSize(image.getWidth(), image.getHeight());
        if (size[0] == image.getWidth() && size[1] == image.getHeight()) {
            return image;
        }
        BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, size[0], size[1], null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a frame as JPEG: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
