// One-off tool that made two kinds of test resources (not compiled by the build; see video/README.md and
// scene/README.md for the exact commands):
//   cut IN OUT SECONDS : the packets of IN before SECONDS, copied into OUT without re-encoding (same container,
//                        same codec; IN must start on a key frame)
//   jpeg IN OUT WIDTH  : IN resized to WIDTH (height in proportion) with OpenCV INTER_AREA, JPEG quality 85
//                        (OpenCV writes no EXIF: the originals' camera and GPS tags are dropped)
// Run from the repository root after `./mvnw -DskipTests package`:
//   java -cp "app/target/omnisila.jar:app/target/lib/*" engine/src/test/resources/video/PrepareFootage.java ...
import static org.bytedeco.opencv.global.opencv_imgcodecs.*;
import static org.bytedeco.opencv.global.opencv_imgproc.*;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.javacpp.IntPointer;

public class PrepareFootage {
  public static void main(String[] a) throws Exception {
    if (a[0].equals("cut")) {
      // Stream copy (no re-encoding) of the packets whose time is below SECONDS; the input starts on a key frame.
      try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(a[1])) {
        g.start();
        double limit = Double.parseDouble(a[3]);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(a[2], g.getImageWidth(), g.getImageHeight(), 0)) {
          r.setFormat(g.getFormat());
          r.start(g.getFormatContext());
          int n = 0;
          for (AVPacket p; (p = g.grabPacket()) != null; ) {
            if (p.pts() * 1.0 / g.getFrameRate() >= limit) break; // AVI time base: 1 / fps
            r.recordPacket(p);
            n++;
          }
          r.stop();
          System.out.println(n + " packets copied");
        }
      }
    } else {
      Mat in = imread(a[1], IMREAD_COLOR);
      int w = Integer.parseInt(a[3]);
      int h = (int) Math.round(in.rows() * (double) w / in.cols());
      Mat out = new Mat();
      resize(in, out, new Size(w, h), 0, 0, INTER_AREA);
      imwrite(a[2], out, new IntPointer(IMWRITE_JPEG_QUALITY, 85));
      System.out.println(a[2] + " " + w + "x" + h);
    }
  }
}
