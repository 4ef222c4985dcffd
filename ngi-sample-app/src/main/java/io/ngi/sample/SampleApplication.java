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
