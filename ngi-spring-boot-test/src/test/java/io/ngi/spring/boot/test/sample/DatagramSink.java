package io.ngi.spring.boot.test.sample;

import org.springframework.stereotype.Service;

/**
 * Where {@link DatagramLog} puts the datagrams it receives; slice tests mock it.
 */
@Service
public class DatagramSink {

	public void accept(String source, String message) {
		// a real application would store it
	}

}
