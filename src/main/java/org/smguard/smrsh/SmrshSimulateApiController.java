package org.smguard.smrsh;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: the smrsh simulator. Read-only, so a viewer may use it; a POST only because
 * the commands travel in the body.
 */
@RestController
class SmrshSimulateApiController {

	private final SmrshSimulation simulation;

	SmrshSimulateApiController(SmrshSimulation simulation) {
		this.simulation = simulation;
	}

	@PostMapping("/api/v1/policies/{policy}/smrsh/simulate")
	SimulationResult simulate(@PathVariable String policy, @RequestBody SimulationRequest request) {
		return this.simulation.simulate(policy, request);
	}

}
