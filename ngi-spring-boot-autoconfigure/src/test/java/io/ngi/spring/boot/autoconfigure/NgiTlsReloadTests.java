/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.ngi.spring.boot.autoconfigure.NgiAutoConfigurationTests.EchoHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SSL bundle reloaded from its PEM files while the application runs, on real sockets:
 * new connections get the new certificate, an open connection keeps its own and goes on
 * echoing.
 */
@ExtendWith(OutputCaptureExtension.class)
class NgiTlsReloadTests {

	@Test
	void updatedPemFilesShouldReachNewConnectionsWhileOpenOnesContinue(@TempDir Path directory, CapturedOutput output)
			throws Exception {
		Path certificate = directory.resolve("server.crt");
		Path key = directory.resolve("server.key");
		copy("tls/server.crt", certificate);
		copy("tls/server.key", key);
		BigInteger first = TlsClient.serial(TlsClient.resource("tls/server.crt"));
		BigInteger second = TlsClient.serial(TlsClient.resource("tls/server-2.crt"));
		assertThat(second).isNotEqualTo(first);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NgiAutoConfiguration.class))
			.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.loops=1", "ngi.shutdown-timeout=100ms", "ngi.servers.echo.ssl.bundle=live",
					"spring.ssl.bundle.pem.live.keystore.certificate=file:" + certificate,
					"spring.ssl.bundle.pem.live.keystore.private-key=file:" + key,
					"spring.ssl.bundle.pem.live.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				int port = context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class);
				NgiListenerTls tls = context.getBean(NgiListenerRegistry.class).listener("echo").tls();
				try (TlsClient old = new TlsClient(port)) {
					assertThat(old.serverSerial()).isEqualTo(first);
					assertThat(old.echo("before")).isEqualTo("before");
					assertThat(tls.lastReload()).isNull();

					copy("tls/server-2.key", key);
					copy("tls/server-2.crt", certificate);

					await().atMost(Duration.ofSeconds(30))
						.pollInterval(Duration.ofMillis(100))
						.until(() -> second.equals(serialOfNewConnection(port)));
					assertThat(old.echo("after")).isEqualTo("after");
					assertThat(old.serverSerial()).isEqualTo(first);
				}
				assertThat(tls.lastReload()).isNotNull();
				assertThat(tls.reloads()).isPositive();
				assertThat(output).contains("NGI listener 'echo': SSL bundle 'live' reloaded");
			});
	}

	private static @Nullable BigInteger serialOfNewConnection(int port) {
		try (TlsClient client = new TlsClient(port)) {
			return client.serverSerial();
		}
		catch (IOException ex) {
			// a handshake during the swap may fail; the next poll tries again
			return null;
		}
	}

	private static void copy(String resource, Path target) throws IOException {
		Path temporary = Files.createTempFile(target.getParent(), "next", ".tmp");
		try (InputStream in = TlsClient.resource(resource)) {
			Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
		}
		Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
