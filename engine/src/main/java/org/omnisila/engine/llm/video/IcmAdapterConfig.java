package org.omnisila.engine.llm.video;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.omnisila.engine.icm.IcmConfig;

/**
 * The content of an ICM adapter folder's {@code icm_config.json}: which tuning stage wrote the adapter, where the
 * scene tokens go, the system prompt it was trained with (generation must use the same), the ICM blocks' sizes
 * ({@code null} for a stage-1 adapter, which has no scene block) and the base model it was trained on.
 *
 * @param format    always {@link #FORMAT}
 * @param version   {@link #VERSION}
 * @param stage     "scene" (scene-tuning, paper stage 1) or "omnisila" (Omni-SILA tuning, stage 2)
 * @param fusion    where the scene tokens go; {@link FusionMode#NONE} without an ICM block
 * @param system    the system prompt of the conversation template
 * @param icm       the ICM blocks' config, or null with {@link FusionMode#NONE}
 * @param baseModel the base model's folder name as the trainer saw it (informative)
 */
public record IcmAdapterConfig(@JsonProperty("format") String format, @JsonProperty("version") int version,
                               @JsonProperty("stage") String stage, @JsonProperty("fusion") FusionMode fusion,
                               @JsonProperty("system") String system, @JsonProperty("icm") IcmConfig icm,
                               @JsonProperty("base_model") String baseModel) {
    public static final String FORMAT = "omnisila-icm-adapter";
    public static final int VERSION = 1;

    public IcmAdapterConfig {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be " + FORMAT + ", got " + format);
        }
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("version " + version + " is not read by this build (it reads "
                    + VERSION + ")");
        }
        Objects.requireNonNull(fusion, "fusion");
        Objects.requireNonNull(system, "system");
        if ((fusion == FusionMode.NONE) != (icm == null)) {
            throw new IllegalArgumentException(fusion == FusionMode.NONE
                    ? "fusion NONE takes no icm config" : "fusion " + fusion + " needs the icm config");
        }
    }

    /** An adapter of the given stage and fusion. */
    public static IcmAdapterConfig of(String stage, FusionMode fusion, String system, IcmConfig icm,
                                      String baseModel) {
        return new IcmAdapterConfig(FORMAT, VERSION, stage, fusion, system, icm, baseModel);
    }
}
