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

package io.ngi.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The NGI sample application: the seed documentation's servers and a Redis-protocol
 * key-value store ({@code io.ngi.sample.kv}), configured in {@code application.yml}, with
 * Actuator over HTTP. With {@code --ngi.sample.client.file=<path>} it also runs the
 * word-count client once and exits with its status (use the {@code client} profile to
 * start no servers).
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Starts the application.
	 * @param args the command-line arguments, for example
	 * {@code --ngi.servers.echo.address=127.0.0.1:9001}
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (context.getBeanProvider(WordCountClient.class).getIfAvailable() != null) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
