package org.omnisila.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoCancelledException;

class HtmlReportTest {
    private static final Pattern IMAGE = Pattern.compile("src=\"data:image/jpeg;base64,([A-Za-z0-9+/=]+)\"");

    @Test
    void eachLocatedSentimentShowsItsMiddleFrameAndEscapedText(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(320, 240, 10, 40).write(video); // frame k shows its index k, at k / 10 s
        VideoAnalysis analysis = ReportFixtures.analysis(video.toString());
        Path out = dir.resolve("report.html");
        List<Double> progress = new ArrayList<>();
        HtmlReport.write(analysis, video, "trained on slides", out, progress::add, () -> false);

        String html = Files.readString(out);
        List<Integer> shown = new ArrayList<>();
        Matcher m = IMAGE.matcher(html);
        while (m.find()) {
            shown.add(SyntheticVideo.indexOf(decode(Base64.getDecoder().decode(m.group(1)))));
        }
        assertEquals(List.of(10, 30), shown, "the frames at 1.0 s and 3.0 s, the spans' middles");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; a frown"), "attribution escaped");
        assertFalse(html.contains("<script>"), "no markup from the data");
        assertTrue(html.contains("She smiles, &quot;broadly&quot;, at 1.2 s"));
        assertTrue(html.contains("no frame could be decoded from 1.00 s to 1.20 s"), "warnings listed");
        assertTrue(html.contains("<em>trained on slides</em>"));
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing outside the file");
        assertEquals(List.of(0.5, 1.0, 1.0), progress);
    }

    @Test
    void cancellingWritesNothingAndNoVideoMeansNoThumbnails(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.html");
        VideoAnalysis analysis = ReportFixtures.analysis("/nowhere/clip.mp4");
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(320, 240, 10, 40).write(video);
        assertThrows(VideoCancelledException.class,
                () -> HtmlReport.write(analysis, video, null, out, f -> { }, () -> true));
        assertFalse(Files.exists(out));

        HtmlReport.write(analysis, null, null, out, f -> { }, () -> false);
        String html = Files.readString(out);
        assertFalse(IMAGE.matcher(html).find());
        assertTrue(html.contains("Located sentiments (2)") && html.contains("Segments (2)"));
    }

    private static RgbImage decode(byte[] jpeg) {
        try (Mat bgr = opencv_imgcodecs.imdecode(new Mat(new BytePointer(jpeg)), opencv_imgcodecs.IMREAD_COLOR);
             Mat rgb = new Mat()) {
            opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
            byte[] pixels = new byte[(int) (rgb.total() * 3)];
            rgb.data().get(pixels);
            return new RgbImage(rgb.cols(), rgb.rows(), pixels);
        }
    }
}
