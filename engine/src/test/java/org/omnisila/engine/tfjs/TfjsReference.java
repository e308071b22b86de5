package org.omnisila.engine.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The TF.js reference fixtures of {@code src/test/resources/tfjs/reference/} (README.md there): outputs
 * TF.js 4.22.0 computed for fixed inputs, and the inputs, as formulas or files.
 */
public final class TfjsReference {

    private static final String DIR = "tfjs/reference/";

    private TfjsReference() {
    }

    /** @param name {@code emotion.json} or {@code centernet.json} */
    public static JsonNode fixture(String name) {
        try (InputStream in = open(name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a fixture file, gunzipped when its name ends in .gz. */
    public static byte[] bytes(String name) {
        try (InputStream raw = open(name); InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of a JSON number array as floats. */
    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    /** reference.js's emotionPattern(): [2,64,64,1], exact in float32. */
    public static float[] emotionPattern() {
        float[] v = new float[2 * 64 * 64];
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    int k = (x * 7 + y * 13 + n * 29 + (x * y) % 17) % 64;
                    v[(n * 64 + y) * 64 + x] = (float) ((double) k / 63 * 2 - 1);
                }
            }
        }
        return v;
    }

    /** reference.js's centernetPattern(): [1,512,512,3], integers 0..255. */
    public static float[] centernetPattern() {
        float[] v = new float[512 * 512 * 3];
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                for (int c = 0; c < 3; c++) {
                    v[(y * 512 + x) * 3 + c] = (x * 3 + y * 5 + c * 85 + ((y >> 4) * (x >> 4)) % 7 * 20) % 256;
                }
            }
        }
        return v;
    }

    private static InputStream open(String name) {
        InputStream in = TfjsReference.class.getClassLoader().getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("test resource " + DIR + name + " is missing");
        }
        return in;
    }
}
