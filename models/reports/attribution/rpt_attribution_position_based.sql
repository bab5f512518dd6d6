{{ config(materialized='view') }}
{{ mta.attribution_model_mart('position_based') }}
