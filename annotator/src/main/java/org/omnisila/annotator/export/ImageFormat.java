package org.omnisila.annotator.export;

/** The image format of exported frames ({@link MediaMode#FRAMES}). */
public enum ImageFormat {
    /** JPEG at quality 0.90, baseline, 4:2:0 (javax.imageio's encoder). */
    JPEG("jpg", "jpeg"),
    /** PNG, lossless. */
    PNG("png", "png");

    private final String extension;
    private final String imageIoName;

    ImageFormat(String extension, String imageIoName) {
        this.extension = extension;
        this.imageIoName = imageIoName;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The javax.imageio format name. */
    String imageIoName() {
        return imageIoName;
    }
}
