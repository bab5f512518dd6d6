{{ mta.attribution_model_mart('linear') }}
