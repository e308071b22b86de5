package org.omnisila.engine.llm;

/**
 * Which tokens of the selected vision layer go on to the projector (LLaVA's {@code mm_vision_select_feature}).
 *
 * <p>Video-LLaVA's {@code LanguageBindVideoTower.feature_select} returns <b>all</b> tokens of the selected
 * layer (its code: {@code return video_features  # return all}, the "patch" branch commented out), whatever the
 * config says, so its video tokens are CLS + 256 patches = 257 per frame: {@link #CLS_PATCH}. Its image tower
 * and LLaVA's CLIP tower drop the CLS token ({@link #PATCH}, LLaVA's default "patch").
 */
public enum VisionFeature {
    /** the patch tokens only: [F, (S/P)^2, W] */
    PATCH,
    /** the CLS token and the patch tokens: [F, 1 + (S/P)^2, W] (Video-LLaVA's video tower) */
    CLS_PATCH;

    /** @return the feature for LLaVA's config value "patch" or "cls_patch" */
    public static VisionFeature of(String configValue) {
        return switch (configValue) {
            case "patch" -> PATCH;
            case "cls_patch" -> CLS_PATCH;
            default -> throw new IllegalArgumentException("mm_vision_select_feature \"" + configValue
                    + "\" is not one of \"patch\", \"cls_patch\"");
        };
    }
}
