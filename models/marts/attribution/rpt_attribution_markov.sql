{{ mta.attribution_model_mart('markov') }}
