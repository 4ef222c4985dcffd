package io.ngi.spring.boot.test.sample;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;

/**
 * Declares a server with an {@code @Bean} method: an {@code @NgiTest} loads it only when
 * the test imports this configuration.
 */
@Configuration(proxyBeanMethods = false)
public class ReverseServerConfiguration {

	@Bean
	@NgiServer(name = "reverse", address = "127.0.0.1:0")
	ConnectionHandler reverseServer() {
		return (connection, data) -> connection
			.write(new StringBuilder(new String(data, StandardCharsets.UTF_8)).reverse().toString());
	}

}
