{{ config(materialized='view') }}
{{ mta.attribution_model_mart('last_touch') }}
