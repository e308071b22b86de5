import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the application icon (a play mark over a timeline of coloured sentiment segments) and writes it as
 * omnisila.png (Linux), omnisila.ico (Windows) and omnisila.icns (macOS), each holding PNG images.
 * Run from this folder: {@code java MakeIcon.java}. The files are committed; run it again only to change the icon.
 */
public class MakeIcon {
    public static void main(String[] args) throws IOException {
        Path here = Path.of(args.length > 0 ? args[0] : ".");
        byte[] png256 = png(draw(256));
        Files.write(here.resolve("omnisila.png"), png256);
        int[] icoSizes = {16, 32, 48, 64, 128, 256};
        byte[][] icoImages = new byte[icoSizes.length][];
        for (int i = 0; i < icoSizes.length; i++) {
            icoImages[i] = icoSizes[i] == 256 ? png256 : png(draw(icoSizes[i]));
        }
        Files.write(here.resolve("omnisila.ico"), ico(icoSizes, icoImages));
        Files.write(here.resolve("omnisila.icns"), icns(new String[] {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09"},
                new byte[][] {png(draw(16)), png(draw(32)), png(draw(64)), png(draw(128)), png256, png(draw(512))}));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double u = size / 256.0;
        g.setColor(new Color(0x1f2630));
        g.fill(new RoundRectangle2D.Double(8 * u, 8 * u, 240 * u, 240 * u, 80 * u, 80 * u));
        Path2D play = new Path2D.Double();
        play.moveTo(92 * u, 52 * u);
        play.lineTo(92 * u, 150 * u);
        play.lineTo(172 * u, 101 * u);
        play.closePath();
        g.setColor(new Color(0xe8eef5));
        g.fill(play);
        int[][] segments = {{36, 110, 0xd9534f}, {118, 166, 0x5cb85c}, {174, 220, 0xf0ad4e}};
        for (int[] s : segments) {
            g.setColor(new Color(s[2]));
            g.fill(new RoundRectangle2D.Double(s[0] * u, 178 * u, (s[1] - s[0]) * u, 30 * u, 8 * u, 8 * u));
        }
        g.setColor(new Color(0x8aa4c0));
        g.setStroke(new BasicStroke((float) Math.max(1, 5 * u)));
        g.drawLine((int) (36 * u), (int) (222 * u), (int) (220 * u), (int) (222 * u));
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An ICO file whose entries are PNG images (Windows Vista and later read them). */
    static byte[] ico(int[] sizes, byte[][] images) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.short16(0);
        out.short16(1); // icon
        out.short16(sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            bytes.write(sizes[i] == 256 ? 0 : sizes[i]); // 0 means 256
            bytes.write(sizes[i] == 256 ? 0 : sizes[i]);
            bytes.write(0); // no palette
            bytes.write(0);
            out.short16(1); // planes
            out.short16(32); // bits per pixel
            out.int32(images[i].length);
            out.int32(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) {
            bytes.write(image);
        }
        return bytes.toByteArray();
    }

    /** An ICNS file: "icns", total length, then per image a four-letter type, its length and the PNG. */
    static byte[] icns(String[] types, byte[][] images) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            out.writeBytes(types[i]);
            out.writeInt(8 + images[i].length);
            out.write(images[i]);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(file);
        head.writeBytes("icns");
        head.writeInt(8 + body.size());
        head.write(body.toByteArray());
        return file.toByteArray();
    }

    private record LittleEndian(ByteArrayOutputStream out) {
        void short16(int v) {
            out.write(v & 0xff);
            out.write((v >>> 8) & 0xff);
        }

        void int32(int v) {
            short16(v & 0xffff);
            short16(v >>> 16);
        }
    }
}
