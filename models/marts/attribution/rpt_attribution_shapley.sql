{{ mta.attribution_model_mart('shapley') }}
