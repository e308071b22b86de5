package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.tfjs.TfjsReference;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.vision.ExpressionModel;

/**
 * The whole expression pipeline on the six portraits of face-api's demo (scene/README.md): the face extractor
 * (BlazeFace, square crop, emotion model on our TF.js executor) gives every face it finds TF.js's top expression,
 * with TF.js's probabilities within 1e-4 (seen: 4e-7 at most). TF.js's numbers are for the very crops the
 * extractor classified (tfjs/reference/portraits.json, made by reference.js from the crops this test writes to
 * target/portrait-crops/; each crop is pinned by its sha256).
 */
class PortraitExpressionTest {

    private static final Path CROPS = Path.of("target", "portrait-crops");

    @Test
    void everyFaceGetsTfjsTopExpressionAndProbabilities() throws Exception {
        JsonNode cases = TfjsReference.fixture("portraits.json").get("cases");
        Iterator<String> expected = cases.fieldNames();
        Files.createDirectories(CROPS);
        List<String> found = new ArrayList<>();
        try (FaceExtractor faces = FaceExtractor.load(Device.cpu(), FaceDetectors.Choice.BLAZEFACE)) {
            for (int photo = 1; photo <= 6; photo++) {
                String name = "faceapi-sample" + photo + "-640";
                RgbImage image = SceneImages.decode("/scene/" + name + ".jpg");
                SceneFeatures f = faces.extract(SceneImages.segment(List.of(image)));
                for (int k = 0; k < FaceExtractor.FACES; k++) {
                    SceneFeatures.SlotCue cue = f.cues().get(0).get(k);
                    if (cue == null) {
                        continue;
                    }
                    String file = name + "-face" + (k + 1) + "-96x96.rgb";
                    found.add(file);
                    assertEquals(expected.next(), file, "faces found, in order");
                    JsonNode tfjs = cases.get(file);
                    assertEquals(tfjs.get("sha256").asText(), crop(image, cue.box(), file),
                            file + ": the crop TF.js classified");
                    float[] p = new float[ExpressionModel.LABELS.size()];
                    System.arraycopy(f.values()[0], k * FaceExtractor.SLOT, p, 0, p.length);
                    int top = 0;
                    for (int c = 1; c < p.length; c++) {
                        top = p[c] > p[top] ? c : top;
                    }
                    float[] want = TfjsReference.floats(tfjs.get("probabilities"));
                    float worst = 0;
                    for (int c = 0; c < p.length; c++) {
                        worst = Math.max(worst, Math.abs(want[c] - p[c]));
                    }
                    System.out.printf(Locale.ROOT, "%s: %s %.3f (TF.js %s), largest difference from TF.js %.2g%n",
                            file, ExpressionModel.LABELS.get(top), p[top], tfjs.get("top").asText(), worst);
                    assertEquals(tfjs.get("top").asText(), ExpressionModel.LABELS.get(top), file);
                    assertArrayEquals(want, p, 1e-4f, file);
                }
            }
        }
        assertEquals(15, found.size(), "faces in the six photos: " + found);
    }

    /** Writes the extractor's crop of a face for reference.js; returns its sha256. */
    private static String crop(RgbImage image, Box box, String file) throws Exception {
        byte[] rgb = FaceExtractor.crop(image, box).rgb();
        Files.write(CROPS.resolve(file), rgb);
        MessageDigest d = Sha256.newDigest();
        d.update(rgb);
        return Sha256.hex(d);
    }
}
