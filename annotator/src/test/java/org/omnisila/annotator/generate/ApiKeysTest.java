package org.omnisila.annotator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Where the key is found, that it never shows, and the endpoint settings. */
class ApiKeysTest {

    private final List<String> asked = new ArrayList<>();
    private final Keyring keyring = new Keyring() {
        @Override
        public Optional<String> lookup(String service, String account) {
            asked.add(service + "/" + account);
            return Optional.of("from-keyring-secret");
        }

        @Override
        public Optional<String> storeHint(String service, String account) {
            return Optional.empty();
        }
    };

    private final VlmEndpoint openAi = VlmEndpoint.of("https://api.openai.com/v1", "gpt-4o");

    @Test
    void theEnvironmentVariableComesFirst() {
        ApiKey key = new ApiKeys(Map.of("OMNISILA_VLM_API_KEY", " sk-env \n")::get, keyring).find(openAi)
                .orElseThrow();

        assertEquals("sk-env", key.value());
        assertEquals("environment variable OMNISILA_VLM_API_KEY", key.source());
        assertTrue(asked.isEmpty(), "the keyring is not asked when the variable is set");
    }

    @Test
    void aNamedVariableIsRead() {
        VlmEndpoint endpoint = new VlmEndpoint(openAi.baseUrl(), "gpt-4o", 100, Duration.ofSeconds(5), "MY_KEY");

        ApiKey key = new ApiKeys(Map.of("OMNISILA_VLM_API_KEY", "no", "MY_KEY", "yes")::get, keyring)
                .find(endpoint).orElseThrow();

        assertEquals("yes", key.value());
        assertEquals("environment variable MY_KEY", key.source());
    }

    @Test
    void elseTheKeyringEntryOfTheHost() {
        ApiKey key = new ApiKeys(name -> null, keyring).find(openAi).orElseThrow();

        assertEquals(List.of("omnisila-vlm/api.openai.com"), asked);
        assertEquals("keyring entry service omnisila-vlm account api.openai.com", key.source());
        assertEquals("from-keyring-secret", key.value());
    }

    @Test
    void noneFoundIsEmpty() {
        assertTrue(new ApiKeys(name -> "  ", Keyring.NONE).find(openAi).isEmpty());
        assertEquals("set the environment variable OMNISILA_VLM_API_KEY",
                new ApiKeys(name -> null, Keyring.NONE).whereToPutIt(openAi));
    }

    @Test
    void theKeyNeverShowsInText() {
        ApiKey key = new ApiKey("sk-secret", "environment variable X");

        assertFalse(key.toString().contains("sk-secret"));
        assertEquals("API key from environment variable X", key.toString());
        assertEquals("bad key *** given", key.redact("bad key sk-secret given"));
    }

    @Test
    void theOsKeyringToolsAreTheDocumentedOnes() {
        assertEquals(Optional.of("secret-tool store --label=omnisila-vlm service omnisila-vlm account h"),
                new OsKeyring("Linux", null).storeHint("omnisila-vlm", "h"));
        assertEquals(Optional.of("security add-generic-password -s omnisila-vlm -a h -w"),
                new OsKeyring("Mac OS X", null).storeHint("omnisila-vlm", "h"));
        assertEquals(Optional.empty(), new OsKeyring("Windows 11", null).storeHint("omnisila-vlm", "h"));
        assertEquals(Optional.empty(), new OsKeyring("Windows 11", null).lookup("omnisila-vlm", "h"),
                "Windows: the environment only");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxSecretToolIsAskedForTheHostsEntry(@TempDir Path bin) throws Exception {
        // A stand-in secret-tool that knows one entry and fails like the real one for any other.
        Path tool = bin.resolve("secret-tool");
        Files.writeString(tool, """
                #!/bin/sh
                if [ "$*" = "lookup service omnisila-vlm account api.openai.com" ]; then
                  printf 'sk-from-secret-tool\\n'
                  exit 0
                fi
                exit 1
                """);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        OsKeyring linux = new OsKeyring("Linux", bin.toString());

        assertEquals(Optional.of("sk-from-secret-tool"), linux.lookup("omnisila-vlm", "api.openai.com"));
        assertEquals(Optional.empty(), linux.lookup("omnisila-vlm", "localhost"));
        assertEquals(Optional.empty(), new OsKeyring("Linux", bin.resolve("none").toString())
                .lookup("omnisila-vlm", "api.openai.com"), "no tool, no key");
        ApiKey key = new ApiKeys(name -> null, linux).find(openAi).orElseThrow();
        assertEquals("keyring entry service omnisila-vlm account api.openai.com", key.source());
    }

    @Test
    void endpointsAreCheckedAndNormalised() {
        assertEquals("http://localhost:8000/v1/chat/completions",
                VlmEndpoint.of("http://localhost:8000/v1/", "m").chatCompletions().toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VlmEndpoint.of("localhost:8000/v1", "m"))
                .getMessage().startsWith("the endpoint URL \"localhost:8000/v1\" is not an http or https URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VlmEndpoint.of("http://h/v1", " "))
                .getMessage().startsWith("the model name is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VlmEndpoint.of("http://a b", "m"))
                .getMessage().startsWith("the endpoint URL \"http://a b\" is not a URL"));
    }
}
