# bench targets: to be written
