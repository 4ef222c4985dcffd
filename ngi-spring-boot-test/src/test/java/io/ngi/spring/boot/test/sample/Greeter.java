package io.ngi.spring.boot.test.sample;

import org.springframework.stereotype.Service;

/**
 * A plain service, a collaborator of {@link GreetingServer}; slice tests replace it with
 * a mock.
 */
@Service
public class Greeter {

	public String greeting(String name) {
		return "Hello, " + name + "!";
	}

}
